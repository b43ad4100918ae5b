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

/** True when the component has a health check on this instance. Allocates nothing (hot path). */
export function hasHealthCheck(spec: ComponentSpec, instance: unknown): boolean {
  if (spec.health.checks.length > 0 || spec.definition?.healthCheck !== undefined) return true;
  return spec.ctor !== undefined && typeof (instance as { checkHealth?: unknown } | null)?.checkHealth === 'function';
}

/**
 * Runs every check of the component in parallel, each under its own timeout: its `healthCheck` (or
 * the class's `checkHealth()`), named `'healthCheck'`, of weight 1, and its `healthChecks`. Resolves
 * with their weighted mean score; never rejects for a check that fails (false, a throw, a timeout, a
 * bad score). A cancellation (shutdown, a monitor's stop) rejects with its reason.
 */
export function checkHealth(check: HealthCheck): Promise<HealthEvaluation> {
  const hook = healthHookOf(check.spec, check.instance);
  const weighted = check.spec.health.checks;
  // The usual case, one check: no array of promises, no mean.
  if (weighted.length === 0) return runOne(check, 'healthCheck', 1, undefined, hook ?? noCheck).then(alone);
  const startedAt = check.clock.now();
  const runs: Promise<CheckOutcome>[] = hook === undefined ? [] : [runOne(check, 'healthCheck', 1, undefined, hook)];
  for (const c of weighted) runs.push(runOne(check, c.name, c.weight ?? 1, c.timeout, (i, signal) => c.check(i, signal)));
  return Promise.all(runs).then((checks) => {
    let weights = 0;
    let sum = 0;
    for (const c of checks) {
      weights += c.weight;
      sum += c.weight * c.score;
    }
    return { score: sum / weights, latencyMs: check.clock.now() - startedAt, checks };
  });
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

function alone(outcome: CheckOutcome): HealthEvaluation {
  return { score: outcome.score, latencyMs: outcome.latencyMs, checks: [outcome] };
}

function noCheck(): boolean {
  return true;
}

type Run = (instance: unknown, signal: AbortSignal) => unknown;

async function runOne(check: HealthCheck, name: string, weight: number, timeout: number | undefined, run: Run): Promise<CheckOutcome> {
  const { spec, instance, clock, inFlight, attempt } = check;
  const timeoutMs = timeout ?? check.timeoutMs;
  const startedAt = clock.now();
  let race: AttemptAbort | undefined;
  let score: number;
  let detail: unknown;
  let error: Error | undefined;
  try {
    const answer = await withDeadline(clock, (abort) => ((race = abort), run(instance, abort.signal)), {
      ms: timeoutMs,
      inFlight,
      onTimeout: () => new ComponentTimeoutError(spec.name, timeoutMs, 'health', attempt),
    });
    if (answer === true) score = 1;
    else if (answer === false) {
      score = 0;
      error = new HealthCheckError(spec.name, attempt);
    } else {
      const read = readScore(answer);
      detail = read.detail;
      score = read.score ?? 0;
      if (read.score === undefined) error = new HealthCheckError(spec.name, attempt, undefined, { answer, check: name });
    }
  } catch (thrown) {
    score = 0;
    if (race?.aborted !== true) error = new HealthCheckError(spec.name, attempt, thrown); // the check threw
    // Our own timeout is unhealthy; any other abort is a cancellation (identity, not instanceof:
    // what a hook throws may be a revoked Proxy).
    else if (race.reason instanceof ComponentTimeoutError && thrown === race.reason) error = race.reason;
    else throw thrown;
  }
  const outcome: { -readonly [K in keyof CheckOutcome]: CheckOutcome[K] } = { name, weight, score, latencyMs: clock.now() - startedAt };
  if (detail !== undefined) outcome.detail = detail;
  if (error !== undefined) outcome.error = error;
  return outcome;
}

/** The score of an answer, or undefined when it is none (a number outside [0, 1], NaN, anything else). */
function readScore(answer: unknown): { score: number | undefined; detail: unknown } {
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

