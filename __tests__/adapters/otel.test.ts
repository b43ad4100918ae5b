import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Container } from 'inversify';
import { asyncScheduler, filter, firstValueFrom, type SchedulerLike } from 'rxjs';
import { Priority, Warmup } from '../../src/index.js';
import { instrumentWarmup, PreheatAttributes as A } from '../../src/adapters/otel/index.js';
import { deferred } from '../helpers/deferred.js';

const ms = ([s, ns]: HrTime): number => s * 1e3 + ns / 1e6;

describe('instrumentWarmup', () => {
  let exporter: InMemorySpanExporter;
  let provider: BasicTracerProvider;
  let stops: (() => void)[] = [];

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  });
  afterEach(async () => {
    for (const stop of stops) stop();
    stops = [];
    trace.disable();
    await provider.shutdown();
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
      const warmup = new Warmup(new Container(), { scheduler: yesterday }).register({ token: 'a', load: () => 1 });
      instrument(warmup);
      const report = await warmup.boot();
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
