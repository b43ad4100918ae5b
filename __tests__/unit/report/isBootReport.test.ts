import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup } from '../../../src/index.js';
import { bootReportProblem, isBootReport } from '../../../src/report/isBootReport.js';
import { after } from '../../helpers/deferred.js';
import { chainReport, makeReport } from './reportBuilder.js';

const roundTrip = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('isBootReport', () => {
  describe('having the JSON of a real boot report', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('should accept it', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'db', priority: Priority.HIGH, load: after(10, {}) },
        { token: 'api', dependsOn: ['db'], retries: 1, backoff: { delay: 5 }, load: ({ attempt }) => (attempt === 1 ? Promise.reject(new Error('boom')) : {}) },
        { token: 'model', priority: Priority.DEFERRED, load: () => ({}) },
      );
      const booted = warmup.boot();
      await jest.advanceTimersByTimeAsync(100);
      const parsed = roundTrip(await booted);
      expect(Object.keys(parsed)[0]).toBe('formatVersion');
      expect(parsed.formatVersion).toBe(1);
      expect(bootReportProblem(parsed)).toBeUndefined();
      expect(isBootReport(parsed)).toBe(true);
    });
  });

  describe('having a report with 100,000 components', () => {
    it('should accept it', () => {
      expect(isBootReport(chainReport(100_000))).toBe(true);
    });
  });

  describe('having something else', () => {
    const good = (): Record<string, unknown> => roundTrip(makeReport({ db: { wave: 1, start: 0, end: 10 }, api: { wave: 1, start: 10, end: 20, deps: ['db'] } }));
    const component = (report: Record<string, unknown>, name: string): Record<string, unknown> =>
      (report.components as Record<string, Record<string, unknown>>)[name]!;

    it.each([
      ['null', null, 'it is not a JSON object'],
      ['an array', [], 'it is not a JSON object'],
      ['a string', 'report', 'it is not a JSON object'],
      ['an object without the totals', { components: {} }, 'total is not a number'],
    ])('should say why for %s', (_what, value, problem) => {
      expect(bootReportProblem(value)).toBe(problem);
      expect(isBootReport(value)).toBe(false);
    });

    it('should refuse a report without a format version, as one from an older preheat', () => {
      const report = good();
      delete report.formatVersion;
      expect(bootReportProblem(report)).toBe('formatVersion is missing (a report from an older preheat); this preheat reads 1');
    });

    it.each([
      [2, 'formatVersion is 2; this preheat reads 1'],
      [0, 'formatVersion is 0; this preheat reads 1'],
      ['1', 'formatVersion is "1"; this preheat reads 1'],
      [null, 'formatVersion is null; this preheat reads 1'],
      [{ major: 1 }, 'formatVersion is an object; this preheat reads 1'],
      [[1], 'formatVersion is a list; this preheat reads 1'],
    ])('should refuse format version %p before looking at the rest', (formatVersion, problem) => {
      expect(bootReportProblem({ formatVersion })).toBe(problem);
      expect(bootReportProblem({ ...good(), formatVersion })).toBe(problem);
    });

    it('should name a field that is missing', () => {
      const report = good();
      delete report.finishedAt;
      expect(bootReportProblem(report)).toBe('finishedAt is not a number');
    });

    it('should name a schedule it does not know', () => {
      expect(bootReportProblem({ ...good(), schedule: 'random' })).toBe("schedule is not 'waves' or 'eager'");
    });

    it('should name a list that is not a list of names', () => {
      expect(bootReportProblem({ ...good(), failedComponents: [1] })).toBe('failedComponents is not a list of names');
    });

    it('should name a components field that is not an object', () => {
      expect(bootReportProblem({ ...good(), components: [] })).toBe('components is not an object');
    });

    it('should name the component and field with a bad status', () => {
      const report = good();
      component(report, 'api').status = 'sleeping';
      expect(bootReportProblem(report)).toMatch(/^components\.api\.status is not one of pending, loading, ready/);
    });

    it('should name a bad time', () => {
      const report = good();
      component(report, 'db').startedAt = '10';
      expect(bootReportProblem(report)).toBe('components.db.startedAt is not a number');
    });

    it('should name a bad attempt by its index', () => {
      const report = good();
      (component(report, 'db').attemptHistory as Record<string, unknown>[])[0]!.outcome = 'maybe';
      expect(bootReportProblem(report)).toMatch(/^components\.db\.attemptHistory\[0\]\.outcome is not one of/);
    });

    it('should name a dependency that is not in the report', () => {
      const report = good();
      component(report, 'api').dependsOn = ['db', 'cache'];
      expect(bootReportProblem(report)).toBe("components.api.dependsOn names 'cache', which is not in the report");
    });

    it('should name a required flag that is not a boolean', () => {
      const report = good();
      component(report, 'api').required = 'yes';
      expect(bootReportProblem(report)).toBe('components.api.required is not a boolean');
    });

    it('should name a component that is not an object', () => {
      const report = good();
      (report.components as Record<string, unknown>).api = 3;
      expect(bootReportProblem(report)).toBe('components.api is not an object');
    });

    it('should name an attempt history that is not a list', () => {
      const report = good();
      component(report, 'api').attemptHistory = {};
      expect(bootReportProblem(report)).toBe('components.api.attemptHistory is not a list');
    });

    it('should name an attempt that is not an object', () => {
      const report = good();
      component(report, 'api').attemptHistory = [null];
      expect(bootReportProblem(report)).toBe('components.api.attemptHistory[0] is not an object');
    });

    it('should name an attempt time that is not a number', () => {
      const report = good();
      (component(report, 'api').attemptHistory as Record<string, unknown>[])[0]!.finishedAt = null;
      expect(bootReportProblem(report)).toBe('components.api.attemptHistory[0].finishedAt is not a number');
    });

    it('should name a component name that is not a string', () => {
      const report = good();
      component(report, 'api').name = 7;
      expect(bootReportProblem(report)).toBe('components.api.name is not a string');
    });

    it('should name a component filed under another name', () => {
      const report = good();
      component(report, 'api').name = 'db';
      expect(bootReportProblem(report)).toBe("components.api.name is 'db', not its key");
    });

    it('should name a wave that is not a number', () => {
      const report = good();
      component(report, 'api').wave = 'HIGH';
      expect(bootReportProblem(report)).toBe('components.api.wave is not a number');
    });
  });
});
