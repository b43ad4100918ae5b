import { describe, expect, it } from '@jest/globals';
import { ComponentStatus, Priority } from '../../../src/index.js';
import { toTraceEvents, type TraceEvent } from '../../../src/report/traceEvents.js';
import { makeReport } from './reportBuilder.js';

const report = makeReport({
  config: { wave: Priority.CRITICAL, start: 0, end: 100 },
  db: { wave: Priority.HIGH, start: 100, end: 450, deps: ['config'], attempts: [[100, 200, 'timeout'], [250, 450, 'ready']] },
  api: { wave: Priority.HIGH, end: 200, deps: ['missing'], status: ComponentStatus.Failed, error: 'Dependency failed' },
  model: { wave: Priority.DEFERRED },
});

describe('toTraceEvents', () => {
  describe('having a boot report', () => {
    const doc = JSON.parse(JSON.stringify(toTraceEvents(report))) as { traceEvents: TraceEvent[]; displayTimeUnit: string };
    const events = doc.traceEvents;
    const complete = events.filter((e) => e.ph === 'X');

    describe('when called', () => {
      it('should give the JSON object form of the trace-event format', () => {
        expect(Array.isArray(doc.traceEvents)).toBe(true);
        expect(doc.displayTimeUnit).toBe('ms');
      });

      it('should give every event the required fields', () => {
        for (const e of events) {
          expect(typeof e.name).toBe('string');
          expect(['X', 'i', 'M']).toContain(e.ph);
          expect(Number.isFinite(e.ts)).toBe(true);
          expect(Number.isInteger(e.pid)).toBe(true);
          expect(Number.isInteger(e.tid)).toBe(true);
        }
        for (const e of complete) {
          expect(Number.isFinite(e.dur)).toBe(true);
          expect(e.dur).toBeGreaterThanOrEqual(0);
        }
      });

      it('should give one complete event per attempt, in µs after the boot started', () => {
        const attempts = complete.filter((e) => e.cat?.startsWith('attempt'));
        expect(attempts.map((e) => [e.name, e.ts, e.dur, e.cat])).toEqual([
          ['config #1', 0, 100_000, 'attempt,ready'],
          ['db #1', 100_000, 100_000, 'attempt,timeout'],
          ['db #2', 250_000, 200_000, 'attempt,ready'],
        ]);
      });

      it('should give each component that ran its own named thread with a span enclosing its attempts', () => {
        const db = complete.find((e) => e.name === 'db')!;
        expect(db).toMatchObject({ ts: 100_000, dur: 350_000, cat: 'component,HIGH' });
        expect(db.args).toMatchObject({ status: 'ready', attempts: 2, dependsOn: ['config'] });
        for (const a of complete.filter((e) => e.name.startsWith('db #'))) {
          expect(a.tid).toBe(db.tid);
          expect(a.ts).toBeGreaterThanOrEqual(db.ts);
          expect(a.ts + a.dur!).toBeLessThanOrEqual(db.ts + db.dur!);
        }
        const threadNames = events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.args?.name);
        expect(threadNames).toEqual(['waves', 'config', 'db', 'api']);
      });

      it('should mark a component that never ran with an instant event', () => {
        expect(events.find((e) => e.name === 'api (not run)')).toMatchObject({ ph: 'i', s: 't', ts: 200_000 });
      });

      it('should leave out a component that never loaded', () => {
        expect(events.some((e) => e.name.startsWith('model'))).toBe(false);
      });

      it('should show the boot and its waves on thread 0', () => {
        expect(complete.filter((e) => e.tid === 0).map((e) => [e.name, e.ts, e.dur])).toEqual([
          ['boot', 0, 450_000],
          ['wave CRITICAL', 0, 100_000],
          ['wave HIGH', 100_000, 350_000],
        ]);
      });
    });
  });

  describe('having an eager boot, whose waves overlap', () => {
    const eager = makeReport(
      { a: { wave: 0, start: 0, end: 300 }, b: { wave: 1, start: 0, end: 100 }, c: { wave: 2, start: 50, end: 400, deps: ['b'] } },
      { schedule: 'eager' },
    );

    it('should give each wave its own thread so spans on a thread still nest', () => {
      const events = toTraceEvents(eager).traceEvents;
      const waves = events.filter((e) => e.cat === 'wave');
      expect(new Set(waves.map((e) => e.tid)).size).toBe(3);
      expectNested(events);
    });
  });

  describe('having a boot in waves', () => {
    it('should keep the spans on each thread nested', () => {
      expectNested(toTraceEvents(report).traceEvents);
    });

    it('should not stretch a wave back over the one before when its members failed early', () => {
      const early = makeReport({
        db: { wave: 0, start: 0, end: 50, status: ComponentStatus.Failed },
        slow: { wave: 0, start: 0, end: 100 },
        other: { wave: 1, start: 100, end: 300 },
        api: { wave: 2, end: 50, deps: ['db'], status: ComponentStatus.Failed },
        jobs: { wave: 2, end: 150, deps: ['db'], status: ComponentStatus.Failed },
      });
      const events = toTraceEvents(early).traceEvents;
      expect(events.find((e) => e.name === 'wave MEDIUM')).toMatchObject({ ts: 300_000, dur: 0 });
      expectNested(events);
    });
  });

  describe('having an empty report', () => {
    it('should give just the process and the boot', () => {
      const events = toTraceEvents(makeReport({})).traceEvents;
      expect(events.filter((e) => e.ph === 'X').map((e) => e.name)).toEqual(['boot']);
    });
  });
});

/** Trace viewers need the complete events of one thread to nest: none may end inside another. */
function expectNested(events: readonly TraceEvent[]): void {
  const byThread = new Map<number, TraceEvent[]>();
  for (const e of events) if (e.ph === 'X') byThread.set(e.tid, [...(byThread.get(e.tid) ?? []), e]);
  for (const spans of byThread.values()) {
    const sorted = [...spans].sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const open: TraceEvent[] = [];
    for (const span of sorted) {
      while (open.length > 0 && open.at(-1)!.ts + open.at(-1)!.dur! <= span.ts) open.pop();
      const parent = open.at(-1);
      if (parent !== undefined) expect(span.ts + span.dur!).toBeLessThanOrEqual(parent.ts + parent.dur!);
      open.push(span);
    }
  }
}
