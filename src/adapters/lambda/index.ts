/**
 * `preheat/lambda`: boot a Warmup in AWS Lambda's init phase, finish it on the first
 * invocations, answer warmer pings, mark cold starts. `@opentelemetry/api` is an optional peer
 * dependency, loaded lazily for the cold-start mark.
 *
 * @example
 * ```ts
 * import { withWarmup } from 'preheat/lambda';
 *
 * export const handler = withWarmup(warmup, async (event) => ({ statusCode: 200 }), { requires: [Db] });
 * await handler.initialized;
 * ```
 * @packageDocumentation
 */
export { withWarmup } from './withWarmup.js';
export { isWarmerEvent } from './isWarmerEvent.js';
export type { WithWarmupOptions } from './WithWarmupOptions.js';
export type { LambdaContext, LambdaHandler, WarmHandler, InitOutcome, WarmerResponse } from './LambdaTypes.js';
export type { ActiveSpan, SpanLike } from './activeSpan.js';
