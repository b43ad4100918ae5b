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

  describe('having an empty report', () => {
    it('should give just the process and the boot', () => {
      const events = toTraceEvents(makeReport({})).traceEvents;
      expect(events.filter((e) => e.ph === 'X').map((e) => e.name)).toEqual(['boot']);
    });
  });
});
