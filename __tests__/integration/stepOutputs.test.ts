import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Container } from 'inversify';
import { blame, isBootReport, renderTimelineSvg, toTraceEvents, Warmup, type BootReport } from '../../src/index.js';
import { instrumentWarmup, PreheatAttributes as A } from '../../src/adapters/otel/index.js';
import { flush } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';
import { parseXml, withClass } from '../unit/report/xmlWellFormed.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const ms = ([s, ns]: HrTime): number => s * 1e3 + ns / 1e6;

/** db: connect (100 ms, tagged), migrate (50 ms) with lock and apply inside; cache: one failing step, then ready. */
function service(): Warmup {
  return new Warmup(new Container()).register(
    {
      token: 'db',
      load: async (ctx) => {
        await ctx.step('connect', () => sleep(100), { host: 'db1' });
        await ctx.step('migrate', async (_signal, steps) => {
          await steps.step('lock', () => sleep(20));
          await steps.step('apply', () => sleep(30), { files: 3 });
        });
        return 'db';
      },
    },
    {
      token: 'cache',
      load: async (ctx) => {
        await ctx.step('prime', () => sleep(10).then(() => Promise.reject(new Error('cold')))).catch(() => undefined);
        return 'cache';
      },
    },
    { token: 'plain', load: () => 'plain' },
  );
}

describe('steps in every output', () => {
  let report: BootReport;

  beforeEach(async () => {
    jest.useFakeTimers({ now: 1_000 });
    report = await settle(service().boot());
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('the report JSON', () => {
    it('should keep the steps through JSON and still be a valid report', () => {
      const saved: unknown = JSON.parse(JSON.stringify(report));
      expect(isBootReport(saved)).toBe(true);
      expect((saved as BootReport).components.db!.attemptHistory[0]!.steps!.map((s) => [s.name, s.parent ?? null])).toEqual([
        ['connect', null],
        ['migrate', null],
        ['lock', 1],
        ['apply', 1],
      ]);
      expect((saved as BootReport).components.plain!.attemptHistory[0]!.steps).toBeUndefined();
    });

    it('should refuse a saved report whose step points at a later parent', () => {
      const saved = JSON.parse(JSON.stringify(report)) as { components: { db: { attemptHistory: { steps: { parent?: number }[] }[] } } };
      saved.components.db.attemptHistory[0]!.steps[0]!.parent = 3;
      expect(isBootReport(saved)).toBe(false);
    });
  });

  describe('the SVG timeline', () => {
    it('should draw one sub-bar per step inside its attempt bar, nested steps a lane up', () => {
      const elements = parseXml(renderTimelineSvg(report));
      const steps = withClass(elements, 'step').filter((e) => e.attributes['data-step'] !== undefined);
      expect(steps.map((s) => `${s.attributes['data-component']}/${s.attributes['data-step']}@${s.attributes['data-depth']}`)).toEqual(
        expect.arrayContaining(['db/connect@0', 'db/migrate@0', 'db/lock@1', 'db/apply@1', 'cache/prime@0']),
      );
      expect(steps).toHaveLength(5);
      const bar = withClass(elements, 'bar').find((b) => b.attributes['data-component'] === 'db')!;
      const num = (v: string | undefined): number => Number(v);
      for (const s of steps.filter((e) => e.attributes['data-component'] === 'db')) {
        expect(num(s.attributes.x)).toBeGreaterThanOrEqual(num(bar.attributes.x));
        expect(num(s.attributes.x) + num(s.attributes.width)).toBeLessThanOrEqual(num(bar.attributes.x) + num(bar.attributes.width) + 0.01);
        expect(num(s.attributes.y)).toBeGreaterThanOrEqual(num(bar.attributes.y));
      }
      const [lock] = steps.filter((s) => s.attributes['data-step'] === 'lock');
      const [migrate] = steps.filter((s) => s.attributes['data-step'] === 'migrate');
      expect(num(lock!.attributes.y)).toBeLessThan(num(migrate!.attributes.y));
      expect(withClass(elements, 'failed').some((e) => e.attributes['data-step'] === 'prime')).toBe(true);
    });
  });

  describe('the trace events', () => {
    it('should give each step a slice on its component thread, nested inside its attempt', () => {
      const events = toTraceEvents(report).traceEvents;
      const attempt = events.find((e) => e.name === 'db #1')!;
      const steps = events.filter((e) => e.cat?.startsWith('step') === true && e.tid === attempt.tid);
      expect(steps.map((e) => [e.name, e.ts, e.dur])).toEqual([
        ['connect', 0, 100_000],
        ['migrate', 100_000, 50_000],
        ['lock', 100_000, 20_000],
        ['apply', 120_000, 30_000],
      ]);
      for (const s of steps) {
        expect(s.ts).toBeGreaterThanOrEqual(attempt.ts);
        expect(s.ts + s.dur!).toBeLessThanOrEqual(attempt.ts + attempt.dur!);
      }
      expect(steps[0]!.args).toEqual({ attempt: 1, tags: { host: 'db1' } });
      expect(steps[3]!.args).toMatchObject({ parent: 'migrate', tags: { files: 3 } });
      expect(events.find((e) => e.name === 'prime')).toMatchObject({ cat: 'step,failed', args: { error: 'cold' } });
    });
  });

  describe('blame', () => {
    it("should name each component's slowest step", () => {
      const entries = blame(report);
      expect(entries.find((e) => e.name === 'db')!.slowestStep).toEqual({ name: 'connect', durationMs: 100, attempt: 1, tags: { host: 'db1' } });
      expect(entries.find((e) => e.name === 'cache')!.slowestStep).toMatchObject({ name: 'prime', durationMs: 10 });
      expect(entries.find((e) => e.name === 'plain')!.slowestStep).toBeUndefined();
    });
  });
});

describe('steps as OpenTelemetry spans', () => {
  let exporter: InMemorySpanExporter;
  let provider: BasicTracerProvider;

  // An epoch time: the SDK reads a small number as relative to performance.timeOrigin.
  const t0 = 1_760_000_000_000;

  beforeEach(() => {
    jest.useFakeTimers({ now: t0 });
    exporter = new InMemorySpanExporter();
    provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await flush();
    trace.disable();
    await provider.shutdown();
  });

  it('should make a child span per step under the load span, nested steps under their parent', async () => {
    const warmup = service();
    const stop = instrumentWarmup(warmup, { tracerProvider: provider });
    await settle(warmup.boot());
    stop();
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.find((s) => s.name === name)!;
    const load = byName('preheat.load db');
    const connect = byName('preheat.step connect');
    const migrate = byName('preheat.step migrate');
    const apply = byName('preheat.step apply');
    expect(connect.parentSpanContext?.spanId).toBe(load.spanContext().spanId);
    expect(migrate.parentSpanContext?.spanId).toBe(load.spanContext().spanId);
    expect(byName('preheat.step lock').parentSpanContext?.spanId).toBe(migrate.spanContext().spanId);
    expect(apply.parentSpanContext?.spanId).toBe(migrate.spanContext().spanId);
    expect(connect.spanContext().traceId).toBe(load.spanContext().traceId);
    expect([ms(connect.startTime) - t0, ms(connect.endTime) - t0]).toEqual([0, 100]);
    expect(connect.attributes).toMatchObject({ [A.STEP_NAME]: 'connect', [A.ATTEMPT_NUMBER]: 1, [`${A.STEP_TAG_PREFIX}host`]: 'db1' });
    expect(apply.attributes[`${A.STEP_TAG_PREFIX}files`]).toBe(3);
    const prime = byName('preheat.step prime');
    expect(prime.status).toEqual({ code: SpanStatusCode.ERROR, message: 'cold' });
    expect(spans.filter((s) => s.name.startsWith('preheat.step '))).toHaveLength(5);
  });
});
