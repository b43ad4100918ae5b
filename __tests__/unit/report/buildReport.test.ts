import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentStatus, Priority, Warmup, type BootReport } from '../../../src/index.js';
import type { ComponentSpec } from '../../../src/component/ComponentSpec.js';
import type { HealthScore } from '../../../src/lifecycle/MonitorOptions.js';
import { resolveHealthOptions } from '../../../src/health/HealthOptions.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { buildReport, type ReportSource } from '../../../src/report/buildReport.js';

function spec(index: number, name: string): ComponentSpec {
  return {
    index,
    token: name,
    name,
    priority: Priority.MEDIUM,
    dependsOn: [],
    optionalDependsOn: [],
    timeout: 1_000,
    maxTimeout: 1_000,
    enabled: true,
    retry: { count: 2, delay: 0, factor: 1, maxDelay: 0, jitter: 0 },
    required: true,
    memoryMb: 0,
    healthTimeout: undefined,
    shutdownTimeout: undefined,
    health: resolveHealthOptions(name, undefined, undefined),
    ctor: undefined,
    injections: [],
    definition: { token: name, load: () => ({}) },
  };
}

function source(specs: ComponentSpec[], states: ComponentStates, healthOf?: (index: number) => HealthScore | undefined): ReportSource {
  return { specs, states, graph: undefined, effective: undefined, schedule: 'waves', startedAt: 0, finishedAt: 100, ...(healthOf === undefined ? {} : { healthOf }) };
}

const score = (checks: number): HealthScore => ({ score: 1, checks, failures: 0, consecutiveFailures: 0, averageLatencyMs: 1, recoveries: 0 });

describe('buildReport', () => {
  describe('having a component whose attempts go on after the report is built', () => {
    const specs = [spec(0, 'flaky')];
    const setUp = (): ComponentStates => {
      const states = new ComponentStates(specs);
      states.grow(1);
      states.start(0, 10);
      states.recordAttempt(0, 1, 10, 20, 'failed', new Error('boom'));
      return states;
    };
    const moreAttempts = (states: ComponentStates): void => {
      states.recordAttempt(0, 2, 30, 40, 'failed', new Error('boom'));
      states.recordAttempt(0, 3, 50, 60, 'ready');
      states.settle(0, ComponentStatus.Ready, 60, {}, undefined, 3);
    };

    describe('when components is read at once', () => {
      it('should keep the attempts it had', () => {
        const states = setUp();
        const report = buildReport(source(specs, states));
        expect(report.components.flaky).toMatchObject({ status: 'loading', attempts: 1 });
        moreAttempts(states);
        expect(report.components.flaky!.attemptHistory.map((a) => a.attempt)).toEqual([1]);
      });
    });

    describe('when components is first read later', () => {
      it('should still show the state at the time it was built', () => {
        const states = setUp();
        const report = buildReport(source(specs, states));
        moreAttempts(states);
        expect(report.components.flaky).toMatchObject({ status: 'loading', attempts: 1 });
        expect(report.components.flaky!.attemptHistory).toHaveLength(1);
        expect(report.components.flaky!.finishedAt).toBeUndefined();
      });
    });
  });

  describe('having a health score that changes after the report is built', () => {
    it('should keep the score of the time it was built', () => {
      const specs = [spec(0, 'db')];
      const states = new ComponentStates(specs);
      states.grow(1);
      let checks = 3;
      const report = buildReport(source(specs, states, () => score(checks)));
      checks = 7;
      expect(report.components.db!.health?.checks).toBe(3);
    });
  });

  describe('having components registered after the report is built', () => {
    it('should leave them out', () => {
      const specs = [spec(0, 'a')];
      const states = new ComponentStates(specs);
      states.grow(1);
      const report = buildReport(source(specs, states));
      specs.push(spec(1, 'b'));
      states.grow(1);
      expect(Object.keys(report.components)).toEqual(['a']);
      expect(report.total).toBe(1);
    });
  });
});

describe('Warmup.report', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const failTwice = ({ attempt }: { attempt: number }): Promise<object> => (attempt < 3 ? Promise.reject(new Error(`boom ${attempt}`)) : Promise.resolve({}));

  describe('having a report taken while a component retries', () => {
    it('should not change as the later attempts happen', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'flaky', retries: 2, backoff: { delay: 100 }, load: failTwice });
      const booted = warmup.boot();
      await jest.advanceTimersByTimeAsync(50); // attempt 1 failed, waiting to retry
      const readAtOnce = warmup.report();
      expect(readAtOnce.components.flaky).toMatchObject({ status: 'loading', attempts: 1 });
      const readLater = warmup.report();
      await jest.advanceTimersByTimeAsync(1_000);
      const final = await booted;
      expect(final.components.flaky).toMatchObject({ status: 'ready', attempts: 3 });
      for (const report of [readAtOnce, readLater]) {
        expect(report.components.flaky).toMatchObject({ status: 'loading', attempts: 1 });
        expect(report.components.flaky!.attemptHistory.map((a) => a.error)).toEqual(['boom 1']);
      }
    });
  });

  describe('having a report taken after the boot, before a DEFERRED component loads on demand', () => {
    it('should show it as not loaded, and the next report as loaded', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'model', priority: Priority.DEFERRED, retries: 2, backoff: { delay: 100 }, load: failTwice });
      const booted = warmup.boot();
      await jest.advanceTimersByTimeAsync(10);
      const atBoot: BootReport = await booted;
      const loading = warmup.getAsync('model');
      await jest.advanceTimersByTimeAsync(50); // attempt 1 failed
      const midway = warmup.report();
      await jest.advanceTimersByTimeAsync(1_000);
      await loading;
      expect(atBoot.components.model).toMatchObject({ status: 'pending', attempts: 0, attemptHistory: [] });
      expect(midway.components.model).toMatchObject({ status: 'loading', attempts: 1 });
      expect(midway.components.model!.attemptHistory).toHaveLength(1);
      expect(warmup.report().components.model).toMatchObject({ status: 'ready', attempts: 3 });
    });
  });
});
