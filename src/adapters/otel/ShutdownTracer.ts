import { SpanStatusCode, trace, type Context, type SpanContext, type Tracer } from '@opentelemetry/api';
import type { ShutdownReport, Warmup } from '../../index.js';
import { PreheatAttributes as A } from './PreheatAttributes.js';

/**
 * Records one shutdown as its own `preheat.shutdown` span, linked to the boot span, with a
 * `preheat.stop <name>` child per component whose hooks ran. A shutdown can come hours after the
 * boot, so it is not part of the boot's trace, and the boot span has long ended by then.
 *
 * The span is built in one go from the {@link ShutdownReport} once `shutdown()` resolves: the
 * outcomes (a hook that threw or timed out) are only there, `events$` says `stopped` either way.
 * Built and ended in one synchronous step, it is never open, so nothing can touch it after its end.
 */
export class ShutdownTracer {
  readonly #tracer: Tracer;
  readonly #parent: Context;
  /** When each component's hooks ended, from its `stopped` status event (the Warmup's clock). */
  readonly #stoppedAt = new Map<string, number>();
  #following = false;

  constructor(tracer: Tracer, parent: Context) {
    this.#tracer = tracer;
    this.#parent = parent;
  }

  /** At phase `stopping`: records the shutdown when it is over. Once per Warmup. */
  follow(warmup: Warmup, boot: SpanContext): void {
    if (this.#following) return;
    this.#following = true;
    // Not now: phase$ says `stopping` from inside the first shutdown() call, before that call has
    // kept its promise, so a call now would start a second shutdown. A microtask later, shutdown()
    // is idempotent and hands back the first call's promise. (A promise, not queueMicrotask: jest
    // fake timers replace queueMicrotask.)
    void Promise.resolve().then(() => {
      warmup.shutdown().then(
        (report) => this.#record(report, boot),
        (error: unknown) => this.#recordFailure(error, boot),
      );
    });
  }

  /** A component's hooks ended (its status became `stopped`) at `at`. */
  stopped(name: string, at: number): void {
    if (this.#following) this.#stoppedAt.set(name, at);
  }

  #record(report: ShutdownReport, boot: SpanContext): void {
    const { startedAt, finishedAt, stopped, failed, components } = report;
    const span = this.#tracer.startSpan(
      'preheat.shutdown',
      {
        startTime: startedAt,
        links: [{ context: boot }],
        attributes: { [A.SHUTDOWN_STOPPED]: stopped.length, [A.SHUTDOWN_FAILED]: failed.length, [A.SHUTDOWN_FAILED_COMPONENTS]: failed },
      },
      this.#parent,
    );
    const inside = trace.setSpan(this.#parent, span);
    for (const c of Object.values(components)) {
      if (c.outcome === 'skipped') continue; // never loaded: no hook ran
      const end = this.#stoppedAt.get(c.name) ?? finishedAt;
      const stop = this.#tracer.startSpan(stopSpanName(c.name), { startTime: end - c.durationMs, attributes: { [A.COMPONENT_NAME]: c.name, [A.STOP_OUTCOME]: c.outcome } }, inside);
      if (c.outcome !== 'stopped') {
        if (c.error !== undefined) stop.recordException({ message: c.error }, end);
        stop.setStatus({ code: SpanStatusCode.ERROR, message: c.error ?? c.outcome });
      }
      stop.end(end);
    }
    this.#stoppedAt.clear();
    if (failed.length > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: `shutdown hooks failed: ${failed.join(', ')}` });
    span.end(finishedAt);
  }

  /** shutdown() rejected: there is no report, so no Warmup time either; the SDK's clock it is. */
  #recordFailure(error: unknown, boot: SpanContext): void {
    const span = this.#tracer.startSpan('preheat.shutdown', { links: [{ context: boot }] }, this.#parent);
    const message = error instanceof Error ? error.message : String(error);
    span.recordException(error instanceof Error ? error : { message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.end();
    this.#stoppedAt.clear();
  }
}

/** The span name of one component's shutdown hooks, like `preheat.load <name>` for its load. */
export function stopSpanName(name: string): string {
  return `preheat.stop ${name}`;
}
