/**
 * `preheat/otel`: OpenTelemetry tracing of a Warmup's boot, through `@opentelemetry/api` (an
 * optional peer dependency; `preheat` alone never loads it).
 *
 * @example
 * ```ts
 * import { instrumentWarmup } from 'preheat/otel';
 *
 * instrumentWarmup(warmup); // a preheat.boot span, one child span per component load
 * await warmup.boot();
 * ```
 * @packageDocumentation
 */
export { instrumentWarmup } from './instrumentWarmup.js';
export type { InstrumentOptions } from './InstrumentOptions.js';
export { PreheatAttributes } from './PreheatAttributes.js';
