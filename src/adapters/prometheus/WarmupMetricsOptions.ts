import type { Registry } from 'prom-client';

/**
 * Options of {@link registerWarmupMetrics}. Every field is optional.
 *
 * @example
 * ```ts
 * registerWarmupMetrics(warmup, { registry: new Registry(), prefix: 'checkout_preheat_' });
 * ```
 */
export interface WarmupMetricsOptions {
  /** Where the metrics live. Default: prom-client's global `register`. */
  readonly registry?: Registry;
  /** Prepended to every metric name. Default `'preheat_'`; change it to give two Warmups one registry. */
  readonly prefix?: string;
  /** Buckets of the load-time histogram, in seconds. Default `[0.005, 0.01, …, 120, 300]`. */
  readonly buckets?: readonly number[];
}

/**
 * The default buckets of `component_load_seconds`, in seconds: load times run from a cached config
 * (milliseconds) to a model download (minutes).
 *
 * @example
 * ```ts
 * registerWarmupMetrics(warmup, { buckets: [...defaultLoadBuckets, 600, 1_800] }); // very slow loads too
 * ```
 */
export const defaultLoadBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
