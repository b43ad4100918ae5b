/**
 * The part of an OpenTelemetry span the cold-start mark needs (an OpenTelemetry `Span` is one).
 *
 * @example
 * ```ts
 * const span: SpanLike = { setAttribute: (key, value) => console.log(key, value) };
 * ```
 */
export interface SpanLike {
  setAttribute(key: string, value: boolean): unknown;
}

/**
 * Reads the active span; undefined when there is none or OpenTelemetry is not installed. The
 * `activeSpan` option of `withWarmup` takes one.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * withWarmup(warmup, handler, { activeSpan: () => trace.getActiveSpan() });
 * ```
 */
export type ActiveSpan = () => SpanLike | undefined;

const none: ActiveSpan = () => undefined;

/**
 * `trace.getActiveSpan` of `@opentelemetry/api`, loaded lazily: the package is an optional peer
 * dependency, and a function without it must still load. Resolves to a reader that finds no span
 * when the import fails.
 */
export function loadActiveSpan(): Promise<ActiveSpan> {
  return import('@opentelemetry/api').then(
    ({ trace }) => () => trace.getActiveSpan(),
    () => none,
  );
}
