import { SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ComponentStatus, type BootReport, type ComponentEvent, type Phase, type Warmup } from '../../index.js';
import { componentSpanName, finishComponentSpan, loadStartOf } from './componentSpan.js';
import { recordStepSpans } from './stepSpans.js';
import { PreheatAttributes as A } from './PreheatAttributes.js';
import { ShutdownTracer } from './ShutdownTracer.js';

/** A load span still open: created at `Loading`, settled (maybe) but kept open until the boot ends. */
interface OpenLoad {
  readonly span: Span;
  settled?: ComponentStatus;
  settledAt?: number;
  error?: Error;
}

/** What {@link BootTracer} needs besides the Warmup. */
export interface BootTracerConfig {
  readonly tracer: Tracer;
  readonly parent: Context;
  readonly attributes: Attributes;
  readonly healthChecks: 'failures' | 'all' | 'none';
}

/**
 * Turns one Warmup's phases and events into spans. Load spans open live (at the `Loading` event)
 * under the `preheat.boot` span; their attributes and attempt events come from one report taken
 * when the boot ends, so a boot of N components costs one O(N) report, not one per component.
 * Loads seen before it was attached are backfilled from that report.
 */
export class BootTracer {
  readonly #warmup: Warmup;
  readonly #config: BootTracerConfig;
  readonly #open = new Map<string, OpenLoad>();
  readonly #traced = new Set<string>();
  readonly #shutdown: ShutdownTracer;
  #boot: Span | undefined;
  #bootContext: Context | undefined;
  #bootEnded = false;
  #stopping = false;
  #stopped = false;

  constructor(warmup: Warmup, config: BootTracerConfig) {
    this.#warmup = warmup;
    this.#config = config;
    this.#shutdown = new ShutdownTracer(config.tracer, config.parent);
  }

  onPhase(phase: Phase): void {
    switch (phase) {
      case 'idle':
        return;
      case 'booting':
      case 'critical-ready':
        this.#startBoot();
        return;
      case 'ready':
      case 'failed':
        this.#startBoot();
        this.#endBoot(phase);
        return;
      case 'stopping':
        this.#stopping = true;
        if (this.#boot === undefined) return; // never booted (or attached mid-shutdown): nothing to stop
        // The boot is still running, so the report's finishedAt is the Warmup clock's now.
        if (!this.#bootEnded) this.#boot.addEvent(A.EVENT_SHUTDOWN, this.#warmup.report().finishedAt);
        this.#shutdown.follow(this.#warmup, this.#boot.spanContext());
        return;
      case 'stopped':
        if (this.#stopped) return; // phase$ says 'stopped', then completes
        this.#stopped = true;
        if (this.#boot !== undefined) this.#endBoot(phase);
        this.#endOpen(this.#warmup.report());
        return;
    }
  }

  onEvent(event: ComponentEvent): void {
    switch (event.type) {
      case 'status':
        return this.#onStatus(event);
      case 'health':
        return this.#onHealth(event);
      case 'warning':
        this.#open.get(event.name)?.span.addEvent('preheat.warning', { message: event.message ?? '' }, event.at);
        return;
      case 'attempt':
        return; // the report at the end has each attempt with its error text
    }
  }

  /** Ends whatever is still open, at the SDK's current time. */
  dispose(): void {
    for (const { span } of this.#open.values()) span.end();
    this.#open.clear();
    if (!this.#bootEnded) this.#boot?.end();
    this.#bootEnded = true;
  }

  #onStatus(event: ComponentEvent): void {
    const { name, status, at, error } = event;
    if (status === ComponentStatus.Stopped) this.#shutdown.stopped(name, at);
    if (status === ComponentStatus.Loading) {
      const parent = this.#bootContext !== undefined && !this.#bootEnded ? this.#bootContext : this.#config.parent;
      const span = this.#config.tracer.startSpan(componentSpanName(name), { startTime: at, attributes: { [A.COMPONENT_NAME]: name } }, parent);
      this.#open.set(name, { span });
      this.#traced.add(name);
      return;
    }
    const load = this.#open.get(name);
    if (load === undefined || load.settled !== undefined || status === ComponentStatus.Pending) return;
    load.settled = status;
    load.settledAt = at;
    if (error !== undefined) {
      load.error = error;
      load.span.recordException(error, at);
    }
    // A load after the boot (getAsync) ends now; it is rare, so one report each is fine.
    if (this.#bootEnded || this.#boot === undefined) this.#finish(name, load, this.#warmup.report());
  }

  #onHealth(event: ComponentEvent): void {
    const { name, at, healthy = true, latencyMs = 0, error } = event;
    const attributes = { [A.COMPONENT_NAME]: name, [A.HEALTH_HEALTHY]: healthy, [A.HEALTH_LATENCY_MS]: latencyMs };
    const load = this.#open.get(name);
    if (load !== undefined) {
      load.span.addEvent(A.EVENT_HEALTH_CHECK, attributes, at);
      return;
    }
    const { healthChecks, tracer, parent } = this.#config;
    if (healthChecks === 'none' || (healthChecks === 'failures' && healthy)) return;
    const span = tracer.startSpan(`${A.EVENT_HEALTH_CHECK} ${name}`, { startTime: at - latencyMs, attributes }, parent);
    if (error !== undefined) span.recordException(error, at);
    if (!healthy) span.setStatus({ code: SpanStatusCode.ERROR, message: error?.message ?? 'unhealthy' });
    span.end(at);
  }

  #startBoot(): void {
    if (this.#boot !== undefined) return;
    const report = this.#warmup.report();
    const { tracer, parent, attributes } = this.#config;
    this.#boot = tracer.startSpan('preheat.boot', { startTime: report.startedAt, attributes: { ...attributes, [A.BOOT_SCHEDULE]: report.schedule } }, parent);
    this.#bootContext = trace.setSpan(parent, this.#boot);
  }

  #endBoot(phase: 'ready' | 'failed' | 'stopped'): void {
    if (this.#bootEnded) return;
    this.#bootEnded = true;
    const report = this.#warmup.report();
    const boot = this.#boot!;
    for (const [name, load] of this.#open) if (load.settled !== undefined) this.#finish(name, load, report);
    this.#backfill(report);
    boot.setAttributes({
      [A.BOOT_TOTAL]: report.total,
      [A.BOOT_READY]: report.readyCount,
      [A.BOOT_DEGRADED]: report.degradedCount,
      [A.BOOT_FAILED]: report.failedCount,
      [A.BOOT_FAILED_COMPONENTS]: report.failedComponents,
      [A.BOOT_SKIPPED]: report.skippedCount ?? 0,
      [A.BOOT_SKIPPED_COMPONENTS]: report.skippedComponents ?? [],
    });
    if (phase === 'failed') {
      const failed = report.failedComponents.filter((n) => report.components[n]?.required);
      boot.setStatus({ code: SpanStatusCode.ERROR, message: failed.length > 0 ? `required components failed: ${failed.join(', ')}` : 'boot failed' });
    } else if (this.#stopping) {
      boot.setStatus({ code: SpanStatusCode.ERROR, message: 'boot cancelled by shutdown' });
    }
    boot.end(report.finishedAt);
  }

  /** Spans for loads that happened before we were attached. */
  #backfill(report: BootReport): void {
    for (const c of Object.values(report.components)) {
      const startTime = loadStartOf(c);
      if (this.#traced.has(c.name) || startTime === undefined || c.finishedAt === undefined) continue;
      this.#traced.add(c.name);
      const span = this.#config.tracer.startSpan(componentSpanName(c.name), { startTime, attributes: { [A.COMPONENT_NAME]: c.name } }, this.#bootContext);
      recordStepSpans(this.#config.tracer, span, this.#config.parent, c);
      finishComponentSpan(span, c, c.status, c.finishedAt, undefined);
    }
  }

  /** At `stopped`: loads cut short by the shutdown end with their last status. */
  #endOpen(report: BootReport): void {
    for (const [name, load] of this.#open) {
      const c = report.components[name];
      load.settled ??= c?.status ?? ComponentStatus.Stopped;
      load.settledAt ??= c?.finishedAt ?? report.finishedAt;
      this.#finish(name, load, report);
    }
  }

  #finish(name: string, load: OpenLoad, report: BootReport): void {
    this.#open.delete(name);
    const c = report.components[name];
    if (c === undefined) return load.span.end(load.settledAt);
    recordStepSpans(this.#config.tracer, load.span, this.#config.parent, c);
    finishComponentSpan(load.span, c, load.settled!, load.settledAt!, load.error);
  }
}
