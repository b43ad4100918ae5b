import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ComponentStatus, type AttemptRecord, type BootReport, type ComponentReport } from '../../../src/index.js';
import { blame } from '../../../src/report/blame.js';
import { criticalChain } from '../../../src/report/criticalChain.js';
import { bootReportProblem } from '../../../src/report/isBootReport.js';
import { renderTimelineHtml } from '../../../src/report/plot/renderTimelineHtml.js';
import { renderTimelineSvg } from '../../../src/report/plot/renderTimelineSvg.js';
import { toTraceEvents } from '../../../src/report/traceEvents.js';
import { parseXml } from './xmlWellFormed.js';

// Text from characters that cannot spell NaN or Infinity, so finding those words in the output
// means a number went wrong; with the characters XML, JSON and terminals care about.
const text = fc.string({ unit: fc.constantFrom('a', 'b', '_', ' ', '<', '&', '"', "'", '\u0001', '\u001b', '[', '\n', '\u0085', '\u009b', 'é', '\u{1F642}', '\uD800'), maxLength: 12 });
const name = fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty') });

/** Times near a boot, anywhere a Date reaches, at its edges, and a few beyond (which must be refused). */
const base = 1_700_000_000_000;
const time = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -10_000, max: 10_000 }).map((ms) => base + ms) },
  { weight: 2, arbitrary: fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 5e-324, 1e-300, 8.64e15, -8.64e15, Number.MAX_SAFE_INTEGER, 1e300, -1e300) },
);
const wave = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) });
const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

const attempt: fc.Arbitrary<AttemptRecord> = fc.record(
  { attempt: fc.integer({ min: 1, max: 5 }), startedAt: time, finishedAt: time, outcome: fc.constantFrom('ready', 'unhealthy', 'failed', 'timeout', 'cancelled'), error: text },
  { requiredKeys: ['attempt', 'startedAt', 'finishedAt', 'outcome'] },
);

const anyReport: fc.Arbitrary<BootReport> = fc.uniqueArray(name, { minLength: 1, maxLength: 8 }).chain((names) => {
  const component = (n: string): fc.Arbitrary<ComponentReport> =>
    fc
      .record({
        status: fc.constantFrom(...Object.values(ComponentStatus)),
        priority: wave,
        wave,
        required: fc.boolean(),
        startedAt: optional(time),
        finishedAt: optional(time),
        loadTimeMs: optional(time),
        attemptHistory: fc.array(attempt, { maxLength: 3 }),
        dependsOn: fc.subarray(names.filter((other) => other !== n)),
        lastError: optional(text),
      })
      .map((c) => {
        const report: Record<string, unknown> = { name: n, effectivePriority: c.wave, optionalDependsOn: c.dependsOn.slice(0, 1), attempts: c.attemptHistory.length };
        for (const [key, value] of Object.entries(c)) if (value !== undefined) report[key] = value;
        return report as unknown as ComponentReport;
      });
  return fc.record({
    components: fc.tuple(...names.map(component)),
    startedAt: time,
    finishedAt: time,
    totalLoadTimeMs: time,
    schedule: fc.constantFrom('waves' as const, 'eager' as const),
  }).map(({ components, ...rest }) => {
    const record: Record<string, ComponentReport> = {};
    for (const c of components) Object.defineProperty(record, c.name, { value: c, enumerable: true, writable: true, configurable: true });
    const named = (status: string): string[] => components.filter((c) => c.status === status).map((c) => c.name);
    return {
      formatVersion: 1,
      total: components.length,
      readyCount: named('ready').length,
      degradedCount: named('degraded').length,
      failedCount: named('failed').length,
      readyComponents: named('ready'),
      degradedComponents: named('degraded'),
      failedComponents: named('failed'),
      components: record,
      ...rest,
    };
  });
});

describe('the analysis of any report isBootReport accepts (properties)', () => {
  it('gives an SVG and a page without NaN or Infinity, as well-formed XML; a finite trace; no throw', () => {
    fc.assert(
      fc.property(anyReport, (report) => {
        const problem = bootReportProblem(report);
        if (problem !== undefined) {
          // The only thing the generator gets wrong on purpose is a time beyond a Date's range.
          expect(problem).toMatch(/ is -?\d[^,]*, beyond ±8\.64e15 ms \(the range of a Date\)$/);
          return;
        }
        const svg = renderTimelineSvg(report);
        expect(svg).not.toMatch(/NaN|Infinity/);
        expect(() => parseXml(svg)).not.toThrow();
        expect(renderTimelineHtml(report)).not.toMatch(/NaN|Infinity/);
        for (const e of toTraceEvents(report).traceEvents) {
          expect(Number.isSafeInteger(e.ts)).toBe(true);
          if (e.dur !== undefined) expect(Number.isSafeInteger(e.dur) && e.dur >= 0).toBe(true);
        }
        for (const link of criticalChain(report)) expect(Number.isFinite(link.settledAtMs) && Number.isFinite(link.durationMs)).toBe(true);
        for (const entry of blame(report)) expect(Number.isFinite(entry.durationMs) && Number.isFinite(entry.retriedMs)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
