import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { diag, DiagLogLevel, SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Container } from 'inversify';
import { asyncScheduler, filter, firstValueFrom, type SchedulerLike } from 'rxjs';
import { Priority, Warmup } from '../../src/index.js';
import { instrumentWarmup, PreheatAttributes as A } from '../../src/adapters/otel/index.js';
import { deferred, flush } from '../helpers/deferred.js';

const ms = ([s, ns]: HrTime): number => s * 1e3 + ns / 1e6;

describe('instrumentWarmup', () => {
  let exporter: InMemorySpanExporter;
  let provider: BasicTracerProvider;
  let stops: (() => void)[] = [];
  /** What the SDK complained about through its diagnostic logger ("operation on ended Span", …). */
  let complaints: string[];

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    complaints = [];
    const note = (level: string) => (message: string) => void complaints.push(`${level}: ${message}`);
    const ignore = (): void => undefined;
    diag.setLogger({ error: note('error'), warn: note('warn'), info: ignore, debug: ignore, verbose: ignore }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  });
  afterEach(async () => {
    for (const stop of stops) stop();
    stops = [];
    await flush();
    trace.disable();
    await provider.shutdown();
    diag.disable();
    // Every test, not only the shutdown ones: no operation may ever touch an ended span.
    expect(complaints).toEqual([]);
  });

  function instrument(warmup: Warmup, options: Parameters<typeof instrumentWarmup>[1] = {}): () => void {
    const stop = instrumentWarmup(warmup, { tracerProvider: provider, ...options });
    stops.push(stop);
    return stop;
  }
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  const span = (name: string): ReadableSpan => {
    const found = spans().filter((s) => s.name === name);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  /** config (CRITICAL) ← db (HIGH, fails once then loads), and an optional cache that fails. */
  function service(): Warmup {
    let dbAttempts = 0;
    return new Warmup(new Container()).register(
      { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
      {
        token: 'db',
        priority: Priority.LOW,
        dependsOn: ['config'],
        retries: 1,
        backoff: { delay: 1 },
        load: () => (++dbAttempts === 1 ? Promise.reject(new Error('ECONNREFUSED')) : { pool: true }),
      },
      { token: 'api', priority: Priority.HIGH, dependsOn: ['db'], load: () => ({}) },
      { token: 'cache', required: false, load: () => Promise.reject(new Error('no redis')) },
    );
  }

  describe('having a boot with a retry and an optional failure', () => {
    it('should export one preheat.boot span with one child span per component load', async () => {
      const warmup = service();
      instrument(warmup);
      const report = await warmup.boot();

      const boot = span('preheat.boot');
      expect(boot.parentSpanContext).toBeUndefined();
      expect(boot.status.code).toBe(SpanStatusCode.UNSET);
      expect(boot.attributes).toMatchObject({ [A.BOOT_TOTAL]: 4, [A.BOOT_READY]: 3, [A.BOOT_FAILED]: 1, [A.BOOT_FAILED_COMPONENTS]: ['cache'], [A.BOOT_SCHEDULE]: 'waves' });
      expect(ms(boot.startTime)).toBeCloseTo(report.startedAt, 3);
      expect(ms(boot.endTime)).toBeCloseTo(report.finishedAt, 3);

      const loads = spans().filter((s) => s.name.startsWith('preheat.load '));
      expect(loads.map((s) => s.name).sort()).toEqual(['preheat.load api', 'preheat.load cache', 'preheat.load config', 'preheat.load db']);
      for (const load of loads) {
        expect(load.parentSpanContext?.spanId).toBe(boot.spanContext().spanId);
        expect(load.spanContext().traceId).toBe(boot.spanContext().traceId);
      }
    });

    it('should put the attributes, one event per attempt and the timings from the report on each load span', async () => {
      const warmup = service();
      instrument(warmup);
      const report = await warmup.boot();

      const db = span('preheat.load db');
      expect(db.attributes).toEqual({
        [A.COMPONENT_NAME]: 'db',
        [A.COMPONENT_PRIORITY]: 'LOW',
        [A.COMPONENT_EFFECTIVE_PRIORITY]: 'HIGH',
        [A.COMPONENT_WAVE]: 'HIGH',
        [A.COMPONENT_REQUIRED]: true,
        [A.COMPONENT_ATTEMPTS]: 2,
        [A.COMPONENT_OUTCOME]: 'ready',
      });
      expect(db.events.map((e) => [e.name, e.attributes])).toEqual([
        [A.EVENT_ATTEMPT, { [A.ATTEMPT_NUMBER]: 1, [A.ATTEMPT_OUTCOME]: 'failed', [A.ATTEMPT_ERROR]: 'ECONNREFUSED' }],
        [A.EVENT_ATTEMPT, { [A.ATTEMPT_NUMBER]: 2, [A.ATTEMPT_OUTCOME]: 'ready' }],
      ]);
      const history = report.components.db!.attemptHistory;
      expect(ms(db.startTime)).toBeCloseTo(history[0]!.startedAt, 3);
      expect(ms(db.endTime)).toBeCloseTo(report.components.db!.finishedAt!, 3);
      expect(ms(db.events[1]!.time)).toBeCloseTo(history[1]!.finishedAt, 3);
      expect(db.status.code).toBe(SpanStatusCode.UNSET);
    });

    it('should record the error of a failed load and mark its span ERROR', async () => {
      const warmup = service();
      instrument(warmup);
      await warmup.boot();

      const cache = span('preheat.load cache');
      expect(cache.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringContaining('no redis') });
      expect(cache.attributes).toMatchObject({ [A.COMPONENT_OUTCOME]: 'failed', [A.COMPONENT_REQUIRED]: false, [A.COMPONENT_ERROR_CODE]: 'PREHEAT_LOAD_FAILED' });
      const exception = cache.events.find((e) => e.name === 'exception');
      expect(exception?.attributes?.['exception.message']).toEqual(expect.stringContaining('no redis'));
    });
  });

  describe("having a Warmup whose clock is a day behind the SDK's", () => {
    it("should time every span and event with the Warmup's clock", async () => {
      const day = 86_400_000;
      const yesterday: SchedulerLike = { now: () => Date.now() - day, schedule: asyncScheduler.schedule.bind(asyncScheduler) };
      const warmup = new Warmup(new Container(), { scheduler: yesterday }).register({ token: 'a', load: () => 1, onShutdown: () => undefined });
      instrument(warmup);
      const report = await warmup.boot();
      await warmup.shutdown();
      await flush();
      expect(spans().map((s) => s.name).sort()).toEqual(['preheat.boot', 'preheat.load a', 'preheat.shutdown', 'preheat.stop a']);
      for (const s of spans()) {
        expect(ms(s.startTime)).toBeLessThan(Date.now() - day + 1_000);
        for (const e of s.events) expect(ms(e.time)).toBeLessThan(Date.now() - day + 1_000);
      }
      expect(ms(span('preheat.load a').startTime)).toBeCloseTo(report.components.a!.attemptHistory[0]!.startedAt, 3);
    });
  });

  describe('having no component at all', () => {
    it('should export just the boot span', async () => {
      const warmup = new Warmup(new Container());
      instrument(warmup);
      await warmup.boot();
      expect(spans().map((s) => s.name)).toEqual(['preheat.boot']);
      expect(span('preheat.boot').attributes[A.BOOT_TOTAL]).toBe(0);
    });
  });

  describe('having a Warmup that is never booted', () => {
    it('should export nothing', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      const stop = instrument(warmup);
      await warmup.shutdown();
      stop();
      expect(spans()).toEqual([]);
    });
  });

  describe('having a required component that fails', () => {
    it('should mark the boot span ERROR naming it', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'db', load: () => Promise.reject(new Error('down')) }, { token: 'ok', load: () => 1 });
      instrument(warmup);
      await expect(warmup.boot()).rejects.toThrow();
      expect(span('preheat.boot').status).toEqual({ code: SpanStatusCode.ERROR, message: 'required components failed: db' });
    });
  });

  describe('when attached after the boot', () => {
    it('should backfill the same spans from the report', async () => {
      const warmup = service();
      const report = await warmup.boot();
      instrument(warmup);

      const boot = span('preheat.boot');
      expect(ms(boot.startTime)).toBeCloseTo(report.startedAt, 3);
      const db = span('preheat.load db');
      expect(db.parentSpanContext?.spanId).toBe(boot.spanContext().spanId);
      expect(db.attributes[A.COMPONENT_ATTEMPTS]).toBe(2);
      expect(db.events.filter((e) => e.name === A.EVENT_ATTEMPT)).toHaveLength(2);
      expect(ms(db.startTime)).toBeCloseTo(report.components.db!.attemptHistory[0]!.startedAt, 3);
      const cache = span('preheat.load cache');
      expect(cache.status.code).toBe(SpanStatusCode.ERROR);
      expect(cache.events.find((e) => e.name === 'exception')?.attributes?.['exception.message']).toBe('no redis');
    });
  });

  describe('having no tracer options', () => {
    it("should use the global provider's 'preheat' tracer", async () => {
      trace.setGlobalTracerProvider(provider);
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      stops.push(instrumentWarmup(warmup, { attributes: { 'service.instance.id': 'pod-1' } }));
      await warmup.boot();
      const boot = span('preheat.boot');
      expect(boot.instrumentationScope.name).toBe('preheat');
      expect(boot.attributes['service.instance.id']).toBe('pod-1');
    });
  });

  describe('having the health monitor running', () => {
    async function failingChecks(healthChecks?: 'failures' | 'all' | 'none'): Promise<void> {
      let healthy = true;
      const warmup = new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthCheck: () => healthy });
      instrument(warmup, healthChecks === undefined ? {} : { healthChecks });
      await warmup.boot();
      const monitor = warmup.monitor({ interval: 5, failureThreshold: 10 });
      await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'health' && e.healthy === true)));
      healthy = false;
      await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'health' && e.healthy === false)));
      monitor.stop();
      await warmup.shutdown();
    }
    const checks = (): ReadableSpan[] => spans().filter((s) => s.name === 'preheat.health_check db');

    it('should export a failed check as an ERROR span (by default, failures only)', async () => {
      await failingChecks();
      expect(checks().length).toBeGreaterThanOrEqual(1);
      for (const check of checks()) {
        expect(check.status.code).toBe(SpanStatusCode.ERROR);
        expect(check.attributes).toMatchObject({ [A.COMPONENT_NAME]: 'db', [A.HEALTH_HEALTHY]: false });
        expect(check.parentSpanContext).toBeUndefined();
      }
    });

    it("should export every check with healthChecks: 'all', none with 'none'", async () => {
      await failingChecks('all');
      expect(checks().some((s) => s.attributes[A.HEALTH_HEALTHY] === true)).toBe(true);
      exporter.reset();
      await failingChecks('none');
      expect(checks()).toHaveLength(0);
    });
  });

  describe('having a DEFERRED component loaded after the boot', () => {
    it('should end its load span when it settles, outside the boot trace', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'model', priority: Priority.DEFERRED, load: () => 'm' });
      instrument(warmup);
      await warmup.boot();
      expect(spans().map((s) => s.name)).toEqual(['preheat.boot']);
      await warmup.getAsync('model');
      const model = span('preheat.load model');
      expect(model.parentSpanContext).toBeUndefined();
      expect(model.attributes).toMatchObject({ [A.COMPONENT_OUTCOME]: 'ready', [A.COMPONENT_WAVE]: 'DEFERRED', [A.COMPONENT_ATTEMPTS]: 1 });
    });
  });

  describe('when shutdown() cancels the boot', () => {
    it('should end every span, the boot span as ERROR', async () => {
      const hang = deferred<string>();
      const warmup = new Warmup(new Container()).register({ token: 'slow', load: ({ signal }) => (signal.addEventListener('abort', () => hang.resolve('late')), hang.promise) });
      instrument(warmup);
      const booting = warmup.boot().catch(() => undefined);
      await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'status' && e.status === 'loading')));
      await warmup.shutdown();
      await booting;
      const boot = span('preheat.boot');
      expect(boot.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boot cancelled by shutdown' });
      expect(boot.events.map((e) => e.name)).toContain(A.EVENT_SHUTDOWN);
      expect(span('preheat.load slow').status.code).toBe(SpanStatusCode.ERROR);
    });
  });

  describe('having a shutdown', () => {
    /** api → db, and a cache nothing depends on that never loaded (its dependency failed). */
    function stack(hooks: { db?: () => void | Promise<void>; api?: () => void | Promise<void> } = {}, shutdownTimeout?: number): Warmup {
      return new Warmup(new Container(), shutdownTimeout === undefined ? {} : { shutdownTimeout }).register(
        { token: 'db', load: () => ({}), onShutdown: hooks.db ?? (() => undefined) },
        { token: 'api', dependsOn: ['db'], load: () => ({}), onShutdown: hooks.api ?? (() => undefined) },
        { token: 'flags', required: false, load: () => Promise.reject(new Error('no flags')) },
        { token: 'cache', required: false, dependsOn: ['flags'], load: () => ({}) },
      );
    }
    /** shutdown() resolves, then the tracer records it: one turn later than the caller's await. */
    async function shutDown(warmup: Warmup): Promise<void> {
      await warmup.shutdown();
      await flush();
    }
    const children = (parent: ReadableSpan): ReadableSpan[] => spans().filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);

    describe('after a boot that went well', () => {
      it('should record a preheat.shutdown span of its own, linked to the boot span, with a child per component stopped', async () => {
        const warmup = stack();
        instrument(warmup);
        await warmup.boot();
        const stopped = await warmup.shutdown();
        await flush();

        const boot = span('preheat.boot');
        expect(boot.events.map((e) => e.name)).not.toContain(A.EVENT_SHUTDOWN);
        const shutdown = span('preheat.shutdown');
        expect(shutdown.parentSpanContext).toBeUndefined();
        expect(shutdown.links.map((l) => l.context.spanId)).toEqual([boot.spanContext().spanId]);
        expect(shutdown.status.code).toBe(SpanStatusCode.UNSET);
        expect(shutdown.attributes).toEqual({ [A.SHUTDOWN_STOPPED]: 2, [A.SHUTDOWN_FAILED]: 0, [A.SHUTDOWN_FAILED_COMPONENTS]: [] });
        expect(ms(shutdown.startTime)).toBeCloseTo(stopped.startedAt, 3);
        expect(ms(shutdown.endTime)).toBeCloseTo(stopped.finishedAt, 3);
        // Dependents first: the API's hooks end before the db's start. Never-loaded ones have no span.
        const [api, db] = ['preheat.stop api', 'preheat.stop db'].map(span);
        expect(children(shutdown).map((s) => s.name).sort()).toEqual(['preheat.stop api', 'preheat.stop db']);
        expect(api!.attributes).toEqual({ [A.COMPONENT_NAME]: 'api', [A.STOP_OUTCOME]: 'stopped' });
        expect(ms(api!.endTime)).toBeLessThanOrEqual(ms(db!.startTime) + 1e-3);
        expect(ms(db!.endTime)).toBeLessThanOrEqual(stopped.finishedAt + 1e-3);
      });
    });

    describe('having a hook that throws and one that outlives shutdownTimeout', () => {
      it('should mark their stop spans and the shutdown span ERROR, naming them', async () => {
        const warmup = stack({ api: () => Promise.reject(new Error('socket busy')), db: () => new Promise<void>(() => undefined) }, 30);
        instrument(warmup);
        await warmup.boot();
        await shutDown(warmup);

        const shutdown = span('preheat.shutdown');
        expect(shutdown.status).toEqual({ code: SpanStatusCode.ERROR, message: 'shutdown hooks failed: api, db' });
        expect(shutdown.attributes).toMatchObject({ [A.SHUTDOWN_STOPPED]: 0, [A.SHUTDOWN_FAILED]: 2, [A.SHUTDOWN_FAILED_COMPONENTS]: ['api', 'db'] });
        const api = span('preheat.stop api');
        expect(api.attributes[A.STOP_OUTCOME]).toBe('failed');
        expect(api.status).toEqual({ code: SpanStatusCode.ERROR, message: 'socket busy' });
        expect(api.events.find((e) => e.name === 'exception')?.attributes?.['exception.message']).toBe('socket busy');
        const db = span('preheat.stop db');
        expect(db.attributes[A.STOP_OUTCOME]).toBe('timeout');
        expect(db.status.code).toBe(SpanStatusCode.ERROR);
        expect(ms(db.endTime) - ms(db.startTime)).toBeGreaterThanOrEqual(25);
      });
    });

    describe('after a boot that failed', () => {
      it('should record the shutdown without touching the ended boot span', async () => {
        const warmup = new Warmup(new Container()).register({ token: 'db', load: () => Promise.reject(new Error('down')) }, { token: 'ok', load: () => 1 });
        instrument(warmup);
        await expect(warmup.boot()).rejects.toThrow();
        await shutDown(warmup);
        expect(span('preheat.boot').events).toEqual([]);
        expect(span('preheat.shutdown').links).toHaveLength(1);
        expect(spans().filter((s) => s.name.startsWith('preheat.stop ')).map((s) => s.name)).toEqual(['preheat.stop ok']);
      });
    });

    describe('having failFast (the Warmup shuts itself down)', () => {
      it('should end the boot span once and record the shutdown', async () => {
        const warmup = new Warmup(new Container(), { failFast: true }).register(
          { token: 'db', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('down')) },
          { token: 'later', priority: Priority.LOW, load: () => 1 },
        );
        instrument(warmup);
        await expect(warmup.boot()).rejects.toThrow();
        await shutDown(warmup);
        expect(span('preheat.boot').status.code).toBe(SpanStatusCode.ERROR);
        expect(span('preheat.shutdown').attributes[A.SHUTDOWN_FAILED]).toBe(0);
      });
    });

    describe('when it cancels the boot', () => {
      it('should mark the moment on the open boot span, then link the shutdown span to it', async () => {
        const hang = deferred<string>();
        const warmup = new Warmup(new Container()).register({ token: 'slow', load: ({ signal }) => (signal.addEventListener('abort', () => hang.resolve('late')), hang.promise) });
        instrument(warmup);
        const booting = warmup.boot().catch(() => undefined);
        await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'status' && e.status === 'loading')));
        const stopped = await warmup.shutdown();
        await booting;
        await flush();
        const boot = span('preheat.boot');
        const marks = boot.events.filter((e) => e.name === A.EVENT_SHUTDOWN);
        expect(marks).toHaveLength(1);
        expect(ms(marks[0]!.time)).toBeGreaterThanOrEqual(ms(boot.startTime));
        expect(ms(marks[0]!.time)).toBeLessThanOrEqual(stopped.startedAt + 1e-3);
        expect(span('preheat.shutdown').links[0]?.context.spanId).toBe(boot.spanContext().spanId);
        expect(spans().filter((s) => s.name.startsWith('preheat.stop '))).toEqual([]); // slow never loaded: skipped
      });
    });

    describe('before the boot', () => {
      it('should record nothing, and nothing once boot() is refused', async () => {
        const warmup = stack();
        instrument(warmup);
        await shutDown(warmup);
        await expect(warmup.boot()).rejects.toThrow();
        await flush();
        expect(spans()).toEqual([]);
      });
    });

    describe('when called twice', () => {
      it('should record one shutdown', async () => {
        const warmup = stack();
        instrument(warmup);
        await warmup.boot();
        await Promise.all([warmup.shutdown(), warmup.shutdown()]);
        await shutDown(warmup);
        expect(spans().filter((s) => s.name === 'preheat.shutdown')).toHaveLength(1);
        expect(spans().filter((s) => s.name === 'preheat.stop db')).toHaveLength(1);
      });
    });

    describe('when attached after the boot ended', () => {
      it('should link the shutdown to the backfilled boot span and leave that span alone', async () => {
        const warmup = stack();
        await warmup.boot();
        instrument(warmup);
        await shutDown(warmup);
        const boot = span('preheat.boot');
        expect(boot.events).toEqual([]);
        expect(span('preheat.shutdown').links[0]?.context.spanId).toBe(boot.spanContext().spanId);
      });
    });

    describe('when attached after it', () => {
      it('should record nothing', async () => {
        const warmup = stack();
        await warmup.boot();
        await warmup.shutdown();
        instrument(warmup)();
        await flush();
        expect(spans()).toEqual([]);
      });
    });

    describe('having a DEFERRED load in flight', () => {
      it('should end its load span once, and record the shutdown', async () => {
        const gate = deferred<string>();
        const warmup = new Warmup(new Container()).register({ token: 'model', priority: Priority.DEFERRED, load: () => gate.promise });
        instrument(warmup);
        await warmup.boot();
        const loading = warmup.getAsync('model').catch(() => undefined);
        expect(warmup.getStatus('model')).toBe('loading');
        const stopping = warmup.shutdown();
        gate.resolve('late');
        await stopping;
        await loading;
        await flush();
        expect(span('preheat.load model').attributes[A.COMPONENT_OUTCOME]).toBe('failed');
        expect(spans().filter((s) => s.name === 'preheat.shutdown')).toHaveLength(1);
      });
    });

    describe('when the disposer is called right after shutdown() resolves', () => {
      it('should still record the shutdown that was under way, and end nothing twice', async () => {
        const warmup = stack();
        const stop = instrument(warmup);
        await warmup.boot();
        await warmup.shutdown();
        stop();
        await flush();
        expect(span('preheat.shutdown').attributes[A.SHUTDOWN_STOPPED]).toBe(2);
      });
    });

    describe('when the SDK is shut down one await after shutdown() (docs/kubernetes.md)', () => {
      it('should have exported the shutdown span first', async () => {
        const exported: string[] = [];
        const keeping = new BasicTracerProvider({
          spanProcessors: [new SimpleSpanProcessor({ export: (batch, done) => (exported.push(...batch.map((s) => s.name)), done({ code: 0 })), shutdown: async () => undefined })],
        });
        const warmup = stack();
        instrument(warmup, { tracerProvider: keeping });
        await warmup.boot();
        await warmup.shutdown();
        await Promise.resolve();
        await keeping.shutdown();
        expect(exported).toContain('preheat.shutdown');
        expect(exported).toContain('preheat.stop db');
      });
    });

    describe('having a shutdown() that rejects', () => {
      it('should record an ERROR shutdown span instead of an unhandled rejection', async () => {
        const warmup = stack();
        const shutdown = warmup.shutdown.bind(warmup);
        warmup.shutdown = (options) => shutdown(options).then(() => Promise.reject(new Error('hooks lost')));
        instrument(warmup);
        await warmup.boot();
        await expect(warmup.shutdown()).rejects.toThrow('hooks lost');
        await flush();
        const failed = span('preheat.shutdown');
        expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'hooks lost' });
        expect(failed.links).toHaveLength(1);
      });
    });
  });

  describe('when the disposer is called mid-boot', () => {
    it('should end the open spans and trace nothing more', async () => {
      const gate = deferred<string>();
      const warmup = new Warmup(new Container()).register({ token: 'slow', load: () => gate.promise }, { token: 'later', dependsOn: ['slow'], load: () => 1 });
      const stop = instrument(warmup);
      const booting = warmup.boot();
      await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'status' && e.status === 'loading')));
      stop();
      stop(); // idempotent
      expect(spans().map((s) => s.name).sort()).toEqual(['preheat.boot', 'preheat.load slow']);
      gate.resolve('s');
      await booting;
      expect(spans()).toHaveLength(2);
    });
  });
});
