import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ErrorCode, Warmup, type BootReport } from '../../../src/index.js';
import { blame } from '../../../src/report/blame.js';
import { criticalChain } from '../../../src/report/criticalChain.js';
import { bootReportProblem, isBootReport } from '../../../src/report/isBootReport.js';
import { renderTimelineHtml } from '../../../src/report/plot/renderTimelineHtml.js';
import { renderTimelineSvg } from '../../../src/report/plot/renderTimelineSvg.js';
import { toTraceEvents } from '../../../src/report/traceEvents.js';
import { after } from '../../helpers/deferred.js';
import { makeReport } from './reportBuilder.js';
import { parseXml, withClass } from './xmlWellFormed.js';

// Names that are also keys of Object.prototype: '__proto__' is a setter there, the others are inherited.
const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

/** A chain __proto__ ← constructor ← toString ← hasOwnProperty, 10 ms each, booted in fake time. */
async function bootOddNames(): Promise<BootReport> {
  const warmup = new Warmup(new Container()).register(names.map((token, k) => ({ token, dependsOn: k === 0 ? [] : [names[k - 1]!], load: after(10, { k }) })));
  const booted = warmup.boot();
  await jest.advanceTimersByTimeAsync(100);
  return booted;
}

describe('a report of components named like Object.prototype keys', () => {
  describe('having a boot of them', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('should list every one as an own key, keep a plain prototype, and survive JSON', async () => {
      const report = await bootOddNames();
      expect(Object.keys(report.components)).toEqual(names);
      expect(Object.getPrototypeOf(report.components)).toBe(Object.prototype);
      for (const name of names) expect(Object.hasOwn(report.components, name) && report.components[name]!.name).toBe(name);
      const parsed: unknown = JSON.parse(JSON.stringify(report));
      expect(bootReportProblem(parsed)).toBeUndefined();
      expect(Object.keys((parsed as BootReport).components)).toEqual(names);
    });

    it('should follow them in the critical chain and blame', async () => {
      const report = await bootOddNames();
      for (const r of [report, JSON.parse(JSON.stringify(report)) as BootReport]) {
        expect(criticalChain(r).map((l) => l.name)).toEqual([...names].reverse());
        expect(criticalChain(r, '__proto__').map((l) => l.name)).toEqual(['__proto__']);
        expect(blame(r).map((e) => e.name).sort()).toEqual([...names].sort());
      }
    });

    it('should draw and trace each of them', async () => {
      const report = JSON.parse(JSON.stringify(await bootOddNames())) as BootReport;
      const bars = withClass(parseXml(renderTimelineSvg(report)), 'bar').map((b) => b.attributes['data-component']);
      expect(bars.sort()).toEqual([...names].sort());
      expect(renderTimelineHtml(report)).toContain('<code>__proto__</code>');
      const threads = toTraceEvents(report).traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.name);
      expect(threads).toEqual(expect.arrayContaining(names));
    });
  });

  describe('having a name that is inherited but not in the report', () => {
    const report = makeReport({ ['__proto__']: { start: 0, end: 10 }, db: { start: 10, end: 20, deps: ['__proto__'] } });

    it('should not take it for a component', () => {
      expect(() => criticalChain(report, 'valueOf')).toThrow(expect.objectContaining({ code: ErrorCode.UnknownComponent }));
      expect(() => criticalChain(report, 'constructor')).toThrow(expect.objectContaining({ code: ErrorCode.UnknownComponent }));
      expect(criticalChain(report).map((l) => l.name)).toEqual(['db', '__proto__']);
    });

    it('should refuse a dependency on it', () => {
      const parsed = JSON.parse(JSON.stringify(report)) as { components: Record<string, { dependsOn: string[] }> };
      expect(isBootReport(parsed)).toBe(true);
      parsed.components.db!.dependsOn = ['toString'];
      expect(bootReportProblem(parsed)).toBe("components.db.dependsOn names 'toString', which is not in the report");
    });
  });
});
