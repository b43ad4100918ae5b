import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { HealthCheckError } from '../errors/HealthCheckError.js';
import type { HealthCheckResult } from '../health/HealthOptions.js';
import type { AttemptAbort } from './AttemptAbort.js';
import type { Clock } from './Clock.js';
import { withDeadline } from './Deadline.js';
import type { InFlight } from './InFlight.js';
import { healthHookOf } from './instanceHooks.js';

/** One health check run: whose, on which instance, and within what limits. */
export interface HealthCheck {
  readonly spec: ComponentSpec;
  readonly instance: unknown;
  readonly clock: Clock;
  /** Limit in ms (Infinity for none) of a check without a `timeout` of its own. */
  readonly timeoutMs: number;
  /** Where the checks register, so a cancellation reaches them. */
  readonly inFlight: InFlight;
  /** The load attempt it follows (named in errors); absent for the runtime monitor's checks. */
  readonly attempt?: number;
}

/**
 * How one of a component's checks ended: its score in [0, 1] (0 for a throw, a timeout or an answer
 * that is no score, with the `error` saying which), its weight, and the `detail` it gave.
 */
export interface CheckOutcome {
  readonly name: string;
  readonly weight: number;
  readonly score: number;
  readonly latencyMs: number;
  readonly detail?: unknown;
  readonly error?: Error;
}

/** Every check of one run: the weighted mean score and each check's outcome. */
export interface HealthEvaluation {
  readonly score: number;
  readonly latencyMs: number;
  readonly checks: readonly CheckOutcome[];
}

/** One check to run: the single hook (`healthCheck` / `checkHealth()`) or a weighted one. */
interface CheckEntry {
  readonly name: string;
  readonly weight: number;
  readonly timeout: number | undefined;
  readonly run: (instance: unknown, signal: AbortSignal) => unknown;
}

/**
 * The checks of a component on this instance: its `healthCheck` (or the class's `checkHealth()`),
 * named `'healthCheck'`, of weight 1, and its `healthChecks`. Empty when it has none.
 */
export function checksOf(spec: ComponentSpec, instance: unknown): readonly CheckEntry[] {
  const hook = healthHookOf(spec, instance);
  const weighted = spec.health.checks;
  if (weighted.length === 0) return hook === undefined ? none : [{ name: 'healthCheck', weight: 1, timeout: undefined, run: hook }];
  const entries: CheckEntry[] = hook === undefined ? [] : [{ name: 'healthCheck', weight: 1, timeout: undefined, run: hook }];
  for (const c of weighted) entries.push({ name: c.name, weight: c.weight ?? 1, timeout: c.timeout, run: (i, s) => c.check(i, s) });
  return entries;
}

/** True when the component has a health check on this instance. */
export function hasHealthCheck(spec: ComponentSpec, instance: unknown): boolean {
  return spec.health.checks.length > 0 || healthHookOf(spec, instance) !== undefined;
}

/**
 * Runs every check of the component in parallel, each under its own timeout, and resolves with
 * their weighted mean score; never rejects for a check that fails (false, a throw, a timeout, a bad
 * score). A cancellation (shutdown, a monitor's stop) rejects with its reason.
 */
export async function checkHealth(check: HealthCheck): Promise<HealthEvaluation> {
  const startedAt = check.clock.now();
  const entries = checksOf(check.spec, check.instance);
  const checks = entries.length === 1 ? [await runOne(check, entries[0]!)] : await Promise.all(entries.map((e) => runOne(check, e)));
  let weights = 0;
  let sum = 0;
  for (const c of checks) {
    weights += c.weight;
    sum += c.weight * c.score;
  }
  return { score: weights === 0 ? 0 : sum / weights, latencyMs: check.clock.now() - startedAt, checks };
}

/**
 * Why a component is unhealthy: with one check, what that check said (answered false, threw, timed
 * out: `HealthCheckError` or `ComponentTimeoutError`, as ever); otherwise the score, with the first
 * failed check as the cause.
 */
export function unhealthyError(spec: ComponentSpec, evaluation: HealthEvaluation, attempt: number | undefined): Error {
  const { checks, score } = evaluation;
  const failed = checks.find((c) => c.error !== undefined);
  if (checks.length === 1 && failed !== undefined) return failed.error!;
  return new HealthCheckError(spec.name, attempt, failed?.error, { score, below: spec.health.modes.minimal });
}

async function runOne(check: HealthCheck, entry: CheckEntry): Promise<CheckOutcome> {
  const { spec, instance, clock, inFlight, attempt } = check;
  const timeoutMs = entry.timeout ?? check.timeoutMs;
  const startedAt = clock.now();
  let race: AttemptAbort | undefined;
  const outcome = (score: number, detail: unknown, error: Error | undefined): CheckOutcome => {
    const latencyMs = clock.now() - startedAt;
    const base = { name: entry.name, weight: entry.weight, score, latencyMs };
    if (error !== undefined) return detail === undefined ? { ...base, error } : { ...base, detail, error };
    return detail === undefined ? base : { ...base, detail };
  };
  try {
    const answer = await withDeadline(clock, (abort) => ((race = abort), entry.run(instance, abort.signal)), {
      ms: timeoutMs,
      inFlight,
      onTimeout: () => new ComponentTimeoutError(spec.name, timeoutMs, 'health', attempt),
    });
    const { score, detail } = readScore(answer);
    if (score === undefined) return outcome(0, detail, new HealthCheckError(spec.name, attempt, undefined, { answer, check: entry.name }));
    return outcome(score, detail, answer === false ? new HealthCheckError(spec.name, attempt) : undefined);
  } catch (error) {
    if (race?.aborted !== true) return outcome(0, undefined, new HealthCheckError(spec.name, attempt, error)); // the check threw
    // Our own timeout is unhealthy; any other abort is a cancellation (identity, not instanceof:
    // what a hook throws may be a revoked Proxy).
    if (race.reason instanceof ComponentTimeoutError && error === race.reason) return outcome(0, undefined, race.reason);
    throw error;
  }
}

/** The score of an answer, or undefined when it is none (a number outside [0, 1], NaN, anything else). */
function readScore(answer: unknown): { score: number | undefined; detail: unknown } {
  if (answer === true) return { score: 1, detail: undefined };
  if (answer === false) return { score: 0, detail: undefined };
  if (typeof answer === 'number') return { score: inUnit(answer), detail: undefined };
  if (typeof answer === 'object' && answer !== null && 'score' in answer) {
    const { score, detail } = answer as Exclude<HealthCheckResult, boolean | number>;
    return { score: typeof score === 'number' ? inUnit(score) : undefined, detail };
  }
  return { score: undefined, detail: undefined };
}

function inUnit(score: number): number | undefined {
  return score >= 0 && score <= 1 ? score : undefined;
}

const none: readonly never[] = Object.freeze([]);
