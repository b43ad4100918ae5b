import type { Attributes, Context, Tracer, TracerProvider } from '@opentelemetry/api';

/**
 * Options of {@link instrumentWarmup}. Every field is optional.
 *
 * @example
 * ```ts
 * instrumentWarmup(warmup, { tracerProvider: provider, healthChecks: 'all', attributes: { 'service.instance.id': podName } });
 * ```
 */
export interface InstrumentOptions {
  /** The tracer to use. Default: `tracerProvider.getTracer('preheat')`. */
  readonly tracer?: Tracer;
  /** Where to get the tracer when `tracer` is not given. Default: the global provider (`trace.getTracer('preheat')`). */
  readonly tracerProvider?: TracerProvider;
  /** Parent of the `preheat.boot` span (and of loads and checks after boot, and of `preheat.shutdown`). Default: `context.active()` at the call. */
  readonly context?: Context;
  /** Extra attributes on the `preheat.boot` span. Default none. */
  readonly attributes?: Attributes;
  /**
   * Checks of the runtime monitor once the load span has ended: a short `preheat.health_check`
   * span for `'failures'` only (default), for `'all'` of them, or `'none'`. During a load they are
   * events on its span.
   */
  readonly healthChecks?: 'failures' | 'all' | 'none';
}
