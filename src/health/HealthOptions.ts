import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { defaultModeThresholds, type ModeThresholds } from './OperatingMode.js';

/**
 * What a health check may answer: `true`/`false` (score 1 or 0), a score in [0, 1], or
 * `{ score, detail }` (the detail shows in `warmup.health()`; keep secrets out of it). A throw, a
 * timeout, or anything else (a score outside [0, 1], `NaN`, `undefined`) scores 0.
 *
 * @example
 * ```ts
 * healthCheck: async (pool) => ({ score: pool.idleCount > 0 ? 1 : 0.5, detail: { idle: pool.idleCount } })
 * ```
 */
export type HealthCheckResult = boolean | number | { readonly score: number; readonly detail?: unknown };

/**
 * One of several weighted checks of a component (`healthChecks`). The component's score is the
 * weighted mean of its checks' scores (the single `healthCheck` / `checkHealth()` counts as one more,
 * of weight 1); a check that throws or times out scores 0.
 *
 * @example
 * ```ts
 * healthChecks: [
 *   { name: 'latency', weight: 2, check: async (db) => ((await db.pingMs()) < 50 ? 1 : 0.5) },
 *   { name: 'errors', check: (db) => 1 - db.errorRate(), timeout: 500 },
 * ]
 * ```
 */
export interface WeightedHealthCheck<T = unknown> {
  /** Shown in `warmup.health()` and in errors. */
  readonly name: string;
  check(instance: T, signal: AbortSignal): HealthCheckResult | Promise<HealthCheckResult>;
  /** Relative weight, a finite number > 0. Default 1. */
  readonly weight?: number;
  /** Time limit of this check in ms. Default: the component's `healthTimeout`. */
  readonly timeout?: number;
}

/**
 * How the runtime monitor checks a component and how its score maps to an {@link OperatingMode}
 * (the `health` option of a component). Every field is optional.
 *
 * @example
 * ```ts
 * @Component({ health: { tags: ['db', 'core'], delay: 5_000, period: 10_000, modes: { normal: 0.7 }, hysteresis: 0.05 } })
 * class Db {}
 * ```
 */
export interface ComponentHealthOptions {
  /** Labels to select components by: `warmup.health({ tag })`, `GET /readyz?tag=db`. Default none. */
  readonly tags?: readonly string[];
  /** ms from the monitor's start to this component's first check. Default: its `period`. */
  readonly delay?: number;
  /** ms from the end of one check to the start of the next. Default: the monitor's `interval`. */
  readonly period?: number;
  /** Thresholds of the modes; those left out come from {@link defaultModeThresholds}. */
  readonly modes?: Partial<ModeThresholds>;
  /** Margin a score must cross a threshold by before the mode changes, in [0, 0.5). Default 0.05. */
  readonly hysteresis?: number;
}

/** A component's health options with defaults applied. Internal. */
export interface ResolvedHealthOptions {
  readonly tags: readonly string[];
  readonly delay: number | undefined;
  readonly period: number | undefined;
  readonly modes: ModeThresholds;
  readonly hysteresis: number;
  readonly checks: readonly WeightedHealthCheck[];
}

/** The default hysteresis of the modes. */
export const defaultHysteresis = 0.05;

/** Options of a component without any health option: shared, allocated once. */
const plain: ResolvedHealthOptions = Object.freeze({
  tags: Object.freeze([]),
  delay: undefined,
  period: undefined,
  modes: defaultModeThresholds,
  hysteresis: defaultHysteresis,
  checks: Object.freeze([]),
});

/**
 * Validates and resolves `health` and `healthChecks` of the component `name`; throws
 * InvalidOptionError naming the option and a hint otherwise.
 */
export function resolveHealthOptions(name: string, health: ComponentHealthOptions | undefined, checks: readonly WeightedHealthCheck[] | undefined): ResolvedHealthOptions {
  if (health === undefined && checks === undefined) return plain;
  if (health !== undefined && (typeof health !== 'object' || health === null)) {
    throw new InvalidOptionError(name, 'health', 'must be an object ({ tags, delay, period, modes, hysteresis })', health);
  }
  const { tags = plain.tags, delay, period, modes = {}, hysteresis = defaultHysteresis } = health ?? {};
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new InvalidOptionError(name, 'health.tags', 'must be an array of non-empty strings', tags, "write health: { tags: ['db'] }.");
  }
  if (delay !== undefined) checkMs(name, 'health.delay', delay, true);
  if (period !== undefined) checkMs(name, 'health.period', period, false);
  if (!(typeof hysteresis === 'number' && hysteresis >= 0 && hysteresis < 0.5)) {
    throw new InvalidOptionError(name, 'health.hysteresis', 'must be a number in [0, 0.5)', hysteresis, 'a margin such as 0.05 keeps a score near a threshold from flapping.');
  }
  return { tags: Object.freeze([...(tags as readonly string[])]), delay, period, modes: resolveModes(name, modes), hysteresis, checks: resolveChecks(name, checks) };
}

function resolveModes(name: string, modes: Partial<ModeThresholds>): ModeThresholds {
  if (typeof modes !== 'object' || modes === null) throw new InvalidOptionError(name, 'health.modes', 'must be an object ({ full, normal, reduced, minimal })', modes);
  const resolved = { ...defaultModeThresholds, ...modes };
  const order = ['full', 'normal', 'reduced', 'minimal'] as const;
  for (const key of order) {
    const value: unknown = resolved[key];
    if (!(typeof value === 'number' && value > 0 && value <= 1)) {
      throw new InvalidOptionError(name, `health.modes.${key}`, 'must be a number in (0, 1]', value);
    }
  }
  for (let k = 1; k < order.length; k++) {
    if (!(resolved[order[k - 1]!] > resolved[order[k]!])) {
      throw new InvalidOptionError(
        name,
        `health.modes.${order[k]!}`,
        `must be below '${order[k - 1]!}' (${resolved[order[k - 1]!]}): the thresholds descend full > normal > reduced > minimal`,
        resolved[order[k]!],
        `the defaults are ${JSON.stringify(defaultModeThresholds)}; an override is merged with them.`,
      );
    }
  }
  return Object.freeze(resolved);
}

function resolveChecks(name: string, checks: readonly WeightedHealthCheck[] | undefined): readonly WeightedHealthCheck[] {
  if (checks === undefined) return plain.checks;
  if (!Array.isArray(checks)) throw new InvalidOptionError(name, 'healthChecks', 'must be an array of { name, check, weight?, timeout? }', checks);
  const names = new Set<string>();
  checks.forEach((entry: unknown, k) => {
    const at = `healthChecks[${k}]`;
    if (typeof entry !== 'object' || entry === null) throw new InvalidOptionError(name, at, 'must be { name, check, weight?, timeout? }', entry);
    const c = entry as Partial<WeightedHealthCheck>;
    if (typeof c.name !== 'string' || c.name.length === 0) throw new InvalidOptionError(name, `${at}.name`, 'must be a non-empty string', c.name);
    if (names.has(c.name)) throw new InvalidOptionError(name, `${at}.name`, 'must be unique among the checks', c.name, 'give each check its own name.');
    names.add(c.name);
    if (typeof c.check !== 'function') throw new InvalidOptionError(name, `${at}.check`, 'must be a function (instance, signal) => score', c.check);
    if (c.weight !== undefined && !(typeof c.weight === 'number' && c.weight > 0 && Number.isFinite(c.weight))) {
      throw new InvalidOptionError(name, `${at}.weight`, 'must be a finite number > 0', c.weight, 'leave a check out rather than weigh it 0.');
    }
    if (c.timeout !== undefined) checkMs(name, `${at}.timeout`, c.timeout, false);
  });
  return Object.freeze([...(checks as readonly WeightedHealthCheck[])]);
}

/** Node clamps a longer timer to 1 ms. */
const maxTimerMs = 2_147_483_647;

function checkMs(name: string, option: string, value: unknown, zeroAllowed: boolean): void {
  const ok = typeof value === 'number' && (zeroAllowed ? value >= 0 : value > 0) && (value <= maxTimerMs || (option.endsWith('timeout') && value === Infinity));
  if (!ok) throw new InvalidOptionError(name, option, `must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of ms up to ${maxTimerMs}`, value);
}
