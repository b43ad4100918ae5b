import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics {@link registerWarmupMetrics} registered, and how to take them back.
 *
 * @example
 * ```ts
 * const metrics = registerWarmupMetrics(warmup);
 * metrics.unregister(); // e.g. between tests
 * ```
 */
export interface WarmupMetrics {
  readonly registry: Registry;
  /** `<prefix>component_status{name, status}`: 1 for the current status, 0 for the others. */
  readonly componentStatus: Gauge<'name' | 'status'>;
  /** `<prefix>component_load_seconds{name, outcome}`: leaving the queue to settling, retries included. */
  readonly componentLoadSeconds: Histogram<'name' | 'outcome'>;
  /** `<prefix>component_attempts_total{name, outcome}`: attempts by how they ended. */
  readonly componentAttempts: Counter<'name' | 'outcome'>;
  /** `<prefix>boot_duration_seconds`: the boot's wall time; while booting, the time so far; 0 before. */
  readonly bootDuration: Gauge;
  /** `<prefix>health_check_failures_total{name}`: failed checks of the runtime monitor. */
  readonly healthCheckFailures: Counter<'name'>;
  /** `<prefix>health_score{name}`: the last health score (0..1) of each component that has one. */
  readonly healthScore: Gauge<'name'>;
  /** `<prefix>health_mode{name, mode}`: 1 for the operating mode a checked component is in, 0 for the others. */
  readonly healthMode: Gauge<'name' | 'mode'>;
  /** `<prefix>phase{phase}`: 1 for the container's current phase, 0 for the others. */
  readonly phase: Gauge<'phase'>;
  /** Stops listening and removes these metrics from the registry. Idempotent. */
  unregister(): void;
}
