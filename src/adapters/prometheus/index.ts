/**
 * `preheat/prometheus`: a Warmup's state as Prometheus metrics through `prom-client` (an optional
 * peer dependency; `preheat` alone never loads it).
 *
 * @example
 * ```ts
 * import { registerWarmupMetrics } from 'preheat/prometheus';
 *
 * registerWarmupMetrics(warmup); // into prom-client's global register
 * await warmup.boot();
 * ```
 * @packageDocumentation
 */
export { registerWarmupMetrics } from './registerWarmupMetrics.js';
export type { WarmupMetrics } from './WarmupMetrics.js';
export { defaultLoadBuckets, type WarmupMetricsOptions } from './WarmupMetricsOptions.js';
