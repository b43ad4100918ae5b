import { describe, expect, it } from '@jest/globals';
import { Priority, type BootReport } from '../../../src/index.js';
import { bootReportProblem, isBootReport } from '../../../src/report/isBootReport.js';
import { renderTimelineHtml } from '../../../src/report/plot/renderTimelineHtml.js';
import { renderTimelineSvg } from '../../../src/report/plot/renderTimelineSvg.js';
import { timeTicks } from '../../../src/report/plot/timeTicks.js';
import { toTraceEvents } from '../../../src/report/traceEvents.js';
import { makeReport } from './reportBuilder.js';
import { parseXml } from './xmlWellFormed.js';

type Json = Record<string, unknown>;
const roundTrip = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;
const good = (): Json =>
  roundTrip(makeReport({ db: { wave: Priority.HIGH, start: 0, end: 10 }, api: { wave: Priority.HIGH, start: 10, end: 30, deps: ['db'], attempts: [[10, 15, 'failed'], [20, 30, 'ready']] } }));
const component = (report: Json, name: string): Json => (report.components as Record<string, Json>)[name]!;

/** A report with every time of the boot and of its components moved to `start` .. `end`. */
function stretched(start: number, end: number): BootReport {
  const report = good();
  // Finite even where end − start overflows: only the times are extreme.
  const took = Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, end - start));
  Object.assign(report, { startedAt: start, finishedAt: end, totalLoadTimeMs: took });
  for (const name of ['db', 'api']) {
    const c = component(report, name);
    Object.assign(c, { startedAt: start, finishedAt: end, loadTimeMs: took });
    for (const a of c.attemptHistory as Json[]) Object.assign(a, { startedAt: start, finishedAt: end });
  }
  return report as unknown as BootReport;
}

describe('bootReportProblem', () => {
  describe('having a time beyond the range of a Date', () => {
    it.each([
      ['startedAt', 1e300, (r: Json) => (r.startedAt = 1e300), 'startedAt is 1e+300, beyond ±8.64e15 ms (the range of a Date)'],
      ['finishedAt', -1e300, (r: Json) => (r.finishedAt = -1e300), 'finishedAt is -1e+300, beyond ±8.64e15 ms (the range of a Date)'],
      ['totalLoadTimeMs', Number.MAX_SAFE_INTEGER, (r: Json) => (r.totalLoadTimeMs = Number.MAX_SAFE_INTEGER), 'totalLoadTimeMs is 9007199254740991, beyond ±8.64e15 ms (the range of a Date)'],
      ['a component', 8.64e15 + 1, (r: Json) => (component(r, 'db').finishedAt = 8.64e15 + 1), 'components.db.finishedAt is 8640000000000001, beyond ±8.64e15 ms (the range of a Date)'],
      ['a load time', -Number.MAX_VALUE, (r: Json) => (component(r, 'db').loadTimeMs = -Number.MAX_VALUE), 'components.db.loadTimeMs is -1.7976931348623157e+308, beyond ±8.64e15 ms (the range of a Date)'],
      ['an attempt', 1e16, (r: Json) => ((component(r, 'api').attemptHistory as Json[])[1]!.startedAt = 1e16), 'components.api.attemptHistory[1].startedAt is 10000000000000000, beyond ±8.64e15 ms (the range of a Date)'],
    ])('should refuse %s at %p', (_where, _value, spoil, problem) => {
      const report = good();
      spoil(report);
      expect(bootReportProblem(report)).toBe(problem);
    });
  });

  describe('having times at the edges of the range of a Date, or out of order', () => {
    it('should accept them', () => {
      expect(isBootReport(stretched(-8.64e15, 0))).toBe(true);
      expect(isBootReport(stretched(0, 8.64e15))).toBe(true);
      expect(isBootReport(stretched(8.64e15, 0))).toBe(true); // Date.now can step back
    });
  });
});

describe('the renderers', () => {
  // Not reports isBootReport accepts: the renderers must not break on them anyway.
  describe.each([
    ['huge', 1e300, 1e300 + 1e290],
    ['huge and equal', 1e300, 1e300],
    ['equal, past the safe integers', 2 ** 60, 2 ** 60],
    ['huge and far apart', -1e300, 1e300],
    ['at the ends of the doubles', -Number.MAX_VALUE, Number.MAX_VALUE],
    ['at the edge of safe integers', Number.MAX_SAFE_INTEGER - 10, Number.MAX_SAFE_INTEGER],
    ['at the edges of a Date', -8.64e15, 8.64e15],
    ['reversed', 8.64e15, -8.64e15],
    ['1e-323 ms apart', 0, 1e-323],
  ])('having times that are %s', (_what, start, end) => {
    const report = stretched(start, end);

    it('should draw an SVG with finite coordinates, as well-formed XML', () => {
      const svg = renderTimelineSvg(report);
      expect(svg).not.toContain('NaN');
      // A text may say a span is Infinity long when end − start overflows; a coordinate may not.
      for (const { attributes } of parseXml(svg)) expect(Object.values(attributes).join(' ')).not.toMatch(/NaN|Infinity/);
      expect(renderTimelineHtml(report)).not.toContain('NaN');
    });

    it('should give a trace of safe integer times and non-negative durations', () => {
      const trace = toTraceEvents(report);
      for (const e of trace.traceEvents) {
        expect(Number.isSafeInteger(e.ts)).toBe(true);
        if (e.dur !== undefined) expect(Number.isSafeInteger(e.dur) && e.dur >= 0).toBe(true);
      }
      expect(JSON.stringify(trace)).not.toContain('null');
    });
  });

  describe('having a start a Date cannot hold', () => {
    it('should leave the ISO start out of the trace', () => {
      expect(toTraceEvents(stretched(1e300, 1e300)).otherData).not.toHaveProperty('startedAt');
      expect(toTraceEvents(stretched(0, 10)).otherData).toHaveProperty('startedAt', '1970-01-01T00:00:00.000Z');
    });
  });
});

describe('timeTicks', () => {
  describe('having a range too large or too small for steps', () => {
    it('should give the origin only, and end', () => {
      expect(timeTicks(Infinity, 5)).toEqual([0]);
      expect(timeTicks(5e-324, 10)).toEqual([0]);
      expect(timeTicks(Number.MAX_VALUE, 10).every(Number.isFinite)).toBe(true);
      expect(timeTicks(Number.MAX_VALUE, 10).length).toBeLessThanOrEqual(11);
    });
  });
});
