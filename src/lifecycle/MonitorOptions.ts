import type { BackoffConfig } from '../component/ComponentOptions.js';
import { resolveRetryPolicy, type RetryPolicy } from '../component/RetryPolicy.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/**
 * Options of the runtime health monitor (`warmup.monitor(...)`).
 *
 * @example
 * ```ts
 * const monitor = warmup.monitor({ interval: 10_000, failureThreshold: 3, successThreshold: 2 });
 * process.on('SIGTERM', () => monitor.stop());
 * ```
 */
export interface MonitorOptions {
  /** ms from the end of a component's check to its next one, unless its `health.period` says otherwise. Default 30_000. */
  readonly interval?: number;
  /** Failed checks in a row that make a Ready component Degraded and start a recovery. Default 3. */
  readonly failureThreshold?: number;
  /** Good checks in a row that make a Degraded component Ready again. Default 1. */
  readonly successThreshold?: number;
  /** Recovery attempts (warm-up hook run again in place) before giving up. Default 3. */
  readonly recoveryAttempts?: number;
  /** Backoff before each recovery attempt. Default `{ delay: 1000, factor: 2, maxDelay: 30_000, jitter: 0 }`. */
  readonly backoff?: BackoffConfig;
  /** How many recent checks the health score averages. Default 20. */
  readonly window?: number;
  /**
   * What happens when the recoveries are used up. `false` (default): the component is given up
   * (Failed, disposed) and its dependents become Degraded with a DependencyFailedError, since they
   * hold the dead instance. `true`: it is rebuilt from scratch (a fresh instance through its loader
   * or class, with its own timeout and retries), and so is every dependent after it, in dependency
   * order, like systemd's `PartOf=`; only if that rebuild fails is it given up.
   */
  readonly restart?: boolean;
  /** Most checks running at once; the others wait their turn, first come first served. Default 10. */
  readonly concurrency?: number;
}

/** {@link MonitorOptions} with defaults applied; the recoveries as the shared retry policy. */
export interface ResolvedMonitorOptions {
  readonly interval: number;
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly window: number;
  /** `count` is `recoveryAttempts`. */
  readonly recovery: RetryPolicy;
  readonly restart: boolean;
  readonly concurrency: number;
}

/** Applies defaults and rejects unusable values with an InvalidOptionError naming the option. */
export function resolveMonitorOptions(options: MonitorOptions = {}): ResolvedMonitorOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('monitor', 'options', 'must be an object', options);
  const { interval = 30_000, failureThreshold = 3, successThreshold = 1, recoveryAttempts = 3, window = 20, restart = false, concurrency = 10 } = options;
  if (!(typeof interval === 'number' && interval > 0 && Number.isFinite(interval))) {
    throw new InvalidOptionError('monitor', 'interval', 'must be a positive finite number of ms', interval);
  }
  for (const [name, value] of [
    ['failureThreshold', failureThreshold],
    ['successThreshold', successThreshold],
    ['window', window],
  ] as const) {
    if (!(Number.isInteger(value) && value >= 1)) throw new InvalidOptionError('monitor', name, 'must be a whole number ≥ 1', value);
  }
  if (!((Number.isInteger(concurrency) && concurrency >= 1) || concurrency === Infinity)) {
    throw new InvalidOptionError('monitor', 'concurrency', 'must be a whole number ≥ 1, or Infinity', concurrency, 'it bounds how many health checks run at once.');
  }
  if (typeof restart !== 'boolean') throw new InvalidOptionError('monitor', 'restart', 'must be a boolean', restart);
  const recovery = resolveRetryPolicy('monitor', 'recoveryAttempts', recoveryAttempts, options.backoff);
  return { interval, failureThreshold, successThreshold, window, recovery, restart, concurrency };
}

/**
 * The rolling health of one component, in the report under `health`.
 *
 * @example
 * ```ts
 * warmup.report().components.db?.health?.score; // 0.95: 19 of the last 20 checks passed
 * ```
 */
export interface HealthScore {
  /** Share of passed checks in the window, 0..1. */
  readonly score: number;
  readonly checks: number;
  readonly failures: number;
  readonly consecutiveFailures: number;
  readonly averageLatencyMs: number;
  readonly recoveries: number;
  readonly lastCheckedAt?: number;
}

/**
 * A running monitor.
 *
 * @example
 * ```ts
 * const monitor = warmup.monitor({ interval: 10_000 });
 * monitor.stop();
 * ```
 */
export interface MonitorHandle {
  /** Stops checking (idempotent); a check in flight is aborted. */
  stop(): void;
}
