import type { BackoffConfig } from '../component/ComponentOptions.js';

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
  /** Time between two rounds of checks, ms. Default 30_000. */
  readonly interval?: number;
  /** Failed checks in a row that make a Ready component Degraded and start a recovery. Default 3. */
  readonly failureThreshold?: number;
  /** Good checks in a row that make a Degraded component Ready again. Default 1. */
  readonly successThreshold?: number;
  /** Recovery attempts (warm-up hook run again in place) before giving up. Default 3. */
  readonly recoveryAttempts?: number;
  /** Backoff before each recovery attempt. Default `{ delay: 1000, factor: 2, maxDelay: 30_000 }`. */
  readonly backoff?: BackoffConfig;
  /** How many recent checks the health score averages. Default 20. */
  readonly window?: number;
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
