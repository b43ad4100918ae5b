import { context as otelContext, trace } from '@opentelemetry/api';
import type { Warmup } from '../../index.js';
import { BootTracer } from './BootTracer.js';
import type { InstrumentOptions } from './InstrumentOptions.js';

/**
 * Traces a Warmup with OpenTelemetry: one `preheat.boot` span from boot start to end, and under it
 * one `preheat.load <name>` span per component load, from its first attempt to its settle, with
 * `preheat.component.*` attributes (name, priority, effective_priority, wave, attempts, outcome),
 * a `preheat.attempt` event per attempt and a `preheat.health_check` event per check during the
 * load, and a `preheat.step <name>` child span per step (`ctx.step`; nested steps nest, tags become
 * `preheat.step.tag.<key>` attributes). Failed loads record the exception and have status ERROR; so does the boot span when a
 * required component failed. Timestamps come from the Warmup's clock.
 *
 * A shutdown after a traced boot is its own `preheat.shutdown` span (not in the boot's trace: it
 * may come hours later), linked to the boot span, with a `preheat.stop <name>` child per component
 * whose hooks ran (`preheat.stop.outcome`; ERROR when a hook threw or timed out). It is recorded
 * from the `ShutdownReport` when `shutdown()` resolves, one turn after your own
 * `await warmup.shutdown()` continues: let one more `await` pass before you shut the OpenTelemetry
 * SDK down. A boot that shutdown cancels gets a `preheat.shutdown` event and status ERROR.
 *
 * Call it before `boot()` to see loads live; called later, the loads so far are backfilled from
 * the report. Returns a function that stops tracing and ends any span still open (a shutdown
 * already under way is still recorded when it is over).
 *
 * @example
 * ```ts
 * import { instrumentWarmup } from 'preheat/otel';
 *
 * const stopTracing = instrumentWarmup(warmup); // global tracer provider
 * await warmup.boot();
 * ```
 */
export function instrumentWarmup(warmup: Warmup, options: InstrumentOptions = {}): () => void {
  const { tracerProvider, context = otelContext.active(), attributes = {}, healthChecks = 'failures' } = options;
  const tracer = options.tracer ?? (tracerProvider ?? trace.getTracerProvider()).getTracer('preheat');
  const tracing = new BootTracer(warmup, { tracer, parent: context, attributes, healthChecks });
  const phases = warmup.phase$.subscribe({
    next: (phase) => tracing.onPhase(phase),
    complete: () => tracing.onPhase('stopped'),
  });
  const events = warmup.events$.subscribe((event) => tracing.onEvent(event));
  let disposed = false;
  return () => {
    if (disposed) return;
    disposed = true;
    phases.unsubscribe();
    events.unsubscribe();
    tracing.dispose();
  };
}
