import { describe, expect, it } from '@jest/globals';
import { ComponentStatus } from '../../../src/index.js';
import { blame } from '../../../src/report/blame.js';
import { makeReport } from './reportBuilder.js';

describe('blame', () => {
  describe('having components that took different times', () => {
    const report = makeReport({
      quick: { wave: 0, start: 0, end: 10 },
      slow: { wave: 1, start: 10, end: 510 },
      medium: { wave: 1, start: 10, end: 110 },
      alsoMedium: { wave: 1, start: 20, end: 120 },
    });

    describe('when called', () => {
      it('should list them slowest first, equal times in report order', () => {
        expect(blame(report).map((e) => [e.name, e.durationMs])).toEqual([
          ['slow', 500],
          ['medium', 100],
          ['alsoMedium', 100],
          ['quick', 10],
        ]);
      });

      it('should give the start after the boot began', () => {
        expect(blame(report).find((e) => e.name === 'slow')!.startedAtMs).toBe(10);
      });
    });
  });

  describe('having a component that was retried', () => {
    it('should count its attempts and the time spent in the ones that did not count', () => {
      const report = makeReport({
        flaky: { wave: 1, start: 0, end: 400, attempts: [[0, 100, 'failed'], [150, 200, 'timeout'], [300, 400, 'ready']] },
      });
      expect(blame(report)[0]).toMatchObject({ name: 'flaky', attempts: 3, durationMs: 400, retriedMs: 150, status: ComponentStatus.Ready });
    });
  });

  describe('having components that never ran', () => {
    it('should leave out the ones not loaded and the ones a failed dependency stopped', () => {
      const report = makeReport({
        db: { wave: 1, start: 0, end: 50, status: ComponentStatus.Failed },
        api: { wave: 1, end: 50, deps: ['db'], status: ComponentStatus.Failed },
        model: { wave: 4 },
      });
      expect(blame(report).map((e) => e.name)).toEqual(['db']);
    });
  });

  describe('having an empty report', () => {
    it('should return an empty list', () => {
      expect(blame(makeReport({}))).toEqual([]);
    });
  });
});
