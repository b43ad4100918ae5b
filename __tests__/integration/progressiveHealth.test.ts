import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import {
  Component,
  defineComponent,
  ComponentStatus,
  ErrorCode,
  HealthCheckError,
  InvalidOptionError,
  Warmup,
  type CheckHealth,
  type HealthCheckResult,
  type OperatingMode,
} from '../../src/index.js';
import { flush } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('progressive health', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('a check answering a boolean, a number or { score, detail }', () => {
    it.each<[HealthCheckResult, number, OperatingMode, ComponentStatus]>([
      [true, 1, 'full', ComponentStatus.Ready],
      [false, 0, 'offline', ComponentStatus.Degraded],
      [0.9, 0.9, 'normal', ComponentStatus.Ready],
      [0.3, 0.3, 'minimal', ComponentStatus.Ready],
      [0.1, 0.1, 'offline', ComponentStatus.Degraded],
      [{ score: 0.6, detail: { p99: 180 } }, 0.6, 'reduced', ComponentStatus.Ready],
    ])('should score %j as %d, mode %s, status %s', async (answer, score, mode, status) => {
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => answer });
      await settle(warmup.boot());
      expect(warmup.getStatus('svc')).toBe(status);
      expect(warmup.mode('svc')).toBe(mode);
      const health = warmup.health().components.svc!;
      expect(health).toMatchObject({ score, mode });
      if (typeof answer === 'object') expect(health.checks).toEqual([{ name: 'healthCheck', weight: 1, score, latencyMs: 0, detail: { p99: 180 } }]);
      await warmup.shutdown();
    });

    it('should keep the old error of a check answering false, and name the score when it is too low', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'no', load: () => ({}), healthCheck: () => false },
        { token: 'low', load: () => ({}), healthCheck: () => 0.1 },
      );
      const report = await settle(warmup.boot());
      expect(report.components.no!.lastError).toBe("Component 'no' is unhealthy: its health check answered false");
      expect(report.components.low!.lastError).toBe("Component 'low' is unhealthy: its health score 0.1 is below 'minimal' (0.2)");
      expect(report.components.low!.errorCode).toBe(ErrorCode.Unhealthy);
      await warmup.shutdown();
    });

    it.each([[1.5], [-0.1], [NaN], [undefined], ['yes'], [{ score: 'high' }]])('should score an answer that is no score (%p) 0, saying so', async (answer) => {
      const warmup = new Warmup(new Container()).register({ token: 'odd', load: () => ({}), healthCheck: () => answer as never });
      const report = await settle(warmup.boot());
      expect(report.components.odd).toMatchObject({ status: 'degraded', score: 0, mode: 'offline' });
      expect(report.components.odd!.lastError).toMatch(/its health check 'healthCheck' answered .*, which is no score/);
      await warmup.shutdown();
    });

    it('should read the class hook checkHealth() the same way', async () => {
      @Component()
      class Search implements CheckHealth {
        checkHealth(): HealthCheckResult {
          return { score: 0.85, detail: 'replica lag' };
        }
      }
      const warmup = new Warmup(new Container()).register(Search);
      await settle(warmup.boot());
      expect(warmup.mode(Search)).toBe('normal');
      expect(warmup.health().components.Search!.checks![0]!.detail).toBe('replica lag');
      await warmup.shutdown();
    });
  });

  describe('weighted checks', () => {
    it('should combine them as the weighted mean, with the single healthCheck as weight 1', async () => {
      const warmup = new Warmup(new Container()).register(
        defineComponent({
          token: 'db',
          load: () => ({ pingMs: 80 }),
          healthCheck: () => true,
          healthChecks: [
            { name: 'latency', weight: 2, check: (db) => (db.pingMs < 50 ? 1 : 0.4) },
            { name: 'errors', weight: 1, check: () => ({ score: 0.7, detail: { rate: 0.03 } }) },
          ],
        }),
      );
      await settle(warmup.boot());
      const db = warmup.health().components.db!;
      expect(db.score).toBeCloseTo((1 * 1 + 2 * 0.4 + 1 * 0.7) / 4, 10); // 0.625
      expect(db.mode).toBe('reduced');
      expect(db.checks!.map((c) => [c.name, c.weight, c.score])).toEqual([
        ['healthCheck', 1, 1],
        ['latency', 2, 0.4],
        ['errors', 1, 0.7],
      ]);
      await warmup.shutdown();
    });

    it('should score a thrown check and a timed-out one 0, each under its own timeout, in parallel', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'db',
        load: () => ({}),
        healthTimeout: 10_000,
        healthChecks: [
          { name: 'ok', weight: 3, check: () => true },
          { name: 'throws', check: () => Promise.reject(new Error('refused')) },
          { name: 'hangs', check: () => new Promise<boolean>(() => {}), timeout: 100 },
        ],
      });
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(99);
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Loading);
      await jest.advanceTimersByTimeAsync(1);
      await booting;
      const db = warmup.health().components.db!;
      expect(db.score).toBeCloseTo(3 / 5, 10);
      expect(db.mode).toBe('reduced');
      const throws = db.checks!.find((c) => c.name === 'throws')!;
      const hangs = db.checks!.find((c) => c.name === 'hangs')!;
      expect(throws).toMatchObject({ score: 0 });
      expect(throws.error).toContain('refused');
      expect(hangs).toMatchObject({ score: 0, latencyMs: 100 });
      expect(hangs.error).toMatch(/100 ms/);
      await warmup.shutdown();
    });

    it('should give the single check its own error as before when it is the only one', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'slow', load: () => ({}), healthTimeout: 50, healthCheck: () => new Promise<boolean>(() => {}) });
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(50);
      await booting;
      expect(warmup.report().components.slow!.errorCode).toBe(ErrorCode.Timeout);
      expect(warmup.report().components.slow!.lastError).toMatch(/health check .*50 ms/);
      await warmup.shutdown();
    });

    it('should reject bad weighted checks at register, naming the entry', () => {
      const warmup = new Warmup(new Container());
      const cases: [unknown, string][] = [
        [{}, 'healthChecks'],
        [[{ check: () => true }], 'healthChecks[0].name'],
        [[{ name: 'a', check: 1 }], 'healthChecks[0].check'],
        [[{ name: 'a', check: () => true, weight: 0 }], 'healthChecks[0].weight'],
        [[{ name: 'a', check: () => true, timeout: -5 }], 'healthChecks[0].timeout'],
        [[{ name: 'a', check: () => true }, { name: 'a', check: () => true }], 'healthChecks[1].name'],
      ];
      for (const [healthChecks, option] of cases) {
        const register = () => warmup.register({ token: 'db', load: () => ({}), healthChecks: healthChecks as never });
        expect(register).toThrow(InvalidOptionError);
        expect(register).toThrow(expect.objectContaining({ option }));
      }
    });
  });

  describe('thresholds and hysteresis under the monitor', () => {
    it('should move the mode only when the score crosses a threshold by more than the margin', async () => {
      let score = 0.9;
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => score, health: { hysteresis: 0.05 } });
      await settle(warmup.boot());
      warmup.monitor({ interval: 100 });
      const seen: OperatingMode[] = [];
      for (const next of [0.78, 0.82, 0.76, 0.74, 0.84, 0.86, 0.2]) {
        score = next;
        await jest.advanceTimersByTimeAsync(100);
        seen.push(warmup.mode('svc'));
      }
      expect(seen).toEqual(['normal', 'normal', 'normal', 'reduced', 'reduced', 'normal', 'minimal']);
      await warmup.shutdown();
    });

    it('should apply per-component thresholds', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => 0.9, health: { modes: { full: 0.9 } } });
      await settle(warmup.boot());
      expect(warmup.mode('svc')).toBe('full');
      await warmup.shutdown();
    });

    it("should count an 'offline' score as a failed check: degrade, then recover when it climbs back", async () => {
      let score = 1;
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => score });
      await settle(warmup.boot());
      warmup.monitor({ interval: 100, failureThreshold: 2, backoff: { delay: 1 } }); // no recover hook: the recovery is a no-op
      score = 0.3; // minimal: still a passing check
      await jest.advanceTimersByTimeAsync(300);
      expect(warmup.getStatus('svc')).toBe(ComponentStatus.Ready);
      expect(warmup.mode('svc')).toBe('minimal');
      score = 0.05;
      await jest.advanceTimersByTimeAsync(200);
      expect(warmup.getStatus('svc')).toBe(ComponentStatus.Degraded);
      expect(warmup.report().components.svc!.lastError).toMatch(/health score 0.05 is below 'minimal'/);
      score = 0.96; // 'normal', not 'full': from 'offline', full needs 0.95 + the 0.05 margin
      await jest.advanceTimersByTimeAsync(200);
      expect(warmup.getStatus('svc')).toBe(ComponentStatus.Ready);
      expect(warmup.mode('svc')).toBe('normal');
      await warmup.shutdown();
    });
  });

  describe('mode$', () => {
    it('should replay the mode, emit each distinct change (status included), and complete at shutdown', async () => {
      let score = 1;
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => score });
      const modes: OperatingMode[] = [];
      let completed = false;
      warmup.mode$('svc').subscribe({ next: (m) => modes.push(m), complete: () => (completed = true) });
      await settle(warmup.boot());
      warmup.monitor({ interval: 100 });
      for (const next of [1, 0.85, 0.85, 0.6, 0.3]) {
        score = next;
        await jest.advanceTimersByTimeAsync(100);
      }
      expect(completed).toBe(false);
      await warmup.shutdown();
      await flush();
      expect(modes).toEqual(['offline', 'full', 'normal', 'reduced', 'minimal', 'offline']);
      expect(completed).toBe(true);
    });

    it('should stop telling a subscriber that unsubscribed', async () => {
      let score = 1;
      const warmup = new Warmup(new Container()).register({ token: 'svc', load: () => ({}), healthCheck: () => score });
      await settle(warmup.boot());
      const modes: OperatingMode[] = [];
      const subscription = warmup.mode$('svc').subscribe((m) => modes.push(m));
      warmup.monitor({ interval: 100 });
      subscription.unsubscribe();
      score = 0.5;
      await jest.advanceTimersByTimeAsync(100);
      expect(modes).toEqual(['full']);
      expect(warmup.mode('svc')).toBe('reduced');
      await warmup.shutdown();
    });
  });

  describe('errors', () => {
    it('should carry the score on the HealthCheckError and the cause of the first failed check', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'svc',
        load: () => ({}),
        healthChecks: [
          { name: 'a', check: () => Promise.reject(new Error('boom')) },
          { name: 'b', check: () => 0.2 },
        ],
      });
      const errors: unknown[] = [];
      warmup.events$.subscribe((e) => e.type === 'status' && e.error !== undefined && errors.push(e.error));
      await settle(warmup.boot());
      const error = errors[0] as HealthCheckError;
      expect(error).toBeInstanceOf(HealthCheckError);
      expect(error.score).toBeCloseTo(0.1, 10);
      expect(error.message).toMatch(/health score 0.1 is below 'minimal' \(0.2\) \(.*boom/);
      expect(error.cause).toBeInstanceOf(HealthCheckError);
      await warmup.shutdown();
    });
  });
});
