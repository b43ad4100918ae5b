import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentStatus, InvalidOptionError, isBootReport, Warmup, type ComponentDefinition } from '../../src/index.js';
import { deferred, flush } from '../helpers/deferred.js';
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

/** A loader component whose health check is counted (and answered by `answer`, default true). */
function counted(token: string, extra: Partial<ComponentDefinition<object>> = {}, answer: () => unknown = () => true) {
  const calls: number[] = [];
  const definition: ComponentDefinition<object> = {
    token,
    load: () => ({}),
    healthCheck: () => {
      calls.push(Date.now());
      return answer() as boolean;
    },
    ...extra,
  };
  return { definition, calls };
}

describe('the health model', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('having components with their own delay and period', () => {
    it('should check each first `delay` after the monitor starts, then `period` after each check, others on the interval', async () => {
      const fast = counted('fast', { health: { delay: 300, period: 100 } });
      const plain = counted('plain');
      const warmup = new Warmup(new Container()).register(fast.definition, plain.definition);
      await settle(warmup.boot());
      const start = Date.now();
      warmup.monitor({ interval: 1_000 });
      expect(fast.calls).toHaveLength(1); // the boot's check
      await jest.advanceTimersByTimeAsync(299);
      expect(fast.calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(fast.calls.slice(1).map((t) => t - start)).toEqual([300]);
      await jest.advanceTimersByTimeAsync(700);
      expect(fast.calls.slice(1).map((t) => t - start)).toEqual([300, 400, 500, 600, 700, 800, 900, 1_000]);
      expect(plain.calls.slice(1).map((t) => t - start)).toEqual([1_000]);
      await warmup.shutdown();
    });

    it('should accept a delay of 0: the first check at the monitor start', async () => {
      const now = counted('now', { health: { delay: 0, period: 500 } });
      const warmup = new Warmup(new Container()).register(now.definition);
      await settle(warmup.boot());
      warmup.monitor({ interval: 10_000 });
      await flush();
      expect(now.calls).toHaveLength(2);
      await warmup.shutdown();
    });
  });

  describe('having a check that hangs', () => {
    it('should answer health() at once from the last result, saying a check is running', async () => {
      let hang = false;
      const gate = deferred<boolean>();
      const db = counted('db', { healthTimeout: 60_000, health: { tags: ['db'] } }, () => (hang ? gate.promise : true));
      const warmup = new Warmup(new Container()).register(db.definition);
      await settle(warmup.boot());
      const bootCheck = warmup.health().components.db!.lastCheckedAt!;
      hang = true;
      const start = Date.now();
      warmup.monitor({ interval: 1_000 });
      await jest.advanceTimersByTimeAsync(1_500);
      const snapshot = warmup.health();
      expect(snapshot.components.db).toMatchObject({ status: 'ready', score: 1, mode: 'full', checking: true, lastCheckedAt: bootCheck, tags: ['db'] });
      expect(snapshot.components.db!.ageMs).toBe(Date.now() - bootCheck);
      gate.resolve(false);
      await flush();
      expect(warmup.health().components.db).toMatchObject({ score: 0, mode: 'offline', checking: false, lastCheckedAt: start + 1_500, ageMs: 0 });
      await warmup.shutdown();
    });
  });

  describe('freshness', () => {
    it('should mark a result older than maxAge stale, and a newer one fresh', async () => {
      const db = counted('db');
      const warmup = new Warmup(new Container()).register(db.definition);
      await settle(warmup.boot());
      const checkedAt = warmup.health().components.db!.lastCheckedAt!;
      await jest.advanceTimersByTimeAsync(1_000 - (Date.now() - checkedAt));
      expect(warmup.health({ maxAge: 1_000 }).components.db).toMatchObject({ fresh: true, stale: false, ageMs: 1_000 });
      const old = warmup.health({ maxAge: 999 });
      expect(old.components.db).toMatchObject({ fresh: false, stale: true, mode: 'full', score: 1 });
      expect(old.stale).toEqual(['db']);
      expect(warmup.health({ maxAge: 1_000 }).stale).toEqual([]);
      await warmup.shutdown();
    });

    it('should keep the boot result fresh when no monitor runs (nothing would refresh it)', async () => {
      const warmup = new Warmup(new Container()).register(counted('db').definition);
      await settle(warmup.boot());
      await jest.advanceTimersByTimeAsync(3_600_000);
      expect(warmup.health().components.db).toMatchObject({ fresh: true, stale: false });
      await warmup.shutdown();
    });

    it('should, under a monitor, go stale after 2 × period + healthTimeout without a result (here: a recovery backs off)', async () => {
      let healthy = true;
      const db = counted('db', { healthTimeout: 100, health: { period: 200 } }, () => healthy);
      const warmup = new Warmup(new Container()).register(db.definition);
      await settle(warmup.boot());
      warmup.monitor({ interval: 200, failureThreshold: 1, backoff: { delay: 60_000 } });
      healthy = false;
      await jest.advanceTimersByTimeAsync(200); // one failed check: degraded, a recovery waits 60 s, checks pause
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Degraded);
      await jest.advanceTimersByTimeAsync(500);
      expect(warmup.health().components.db).toMatchObject({ fresh: true, ageMs: 500 });
      await jest.advanceTimersByTimeAsync(1);
      expect(warmup.health().components.db).toMatchObject({ fresh: false, stale: true, mode: 'offline', ageMs: 501 });
      await warmup.shutdown();
    });

    it('should be a snapshot: components read later show the state when it was taken', async () => {
      let score = 1;
      const warmup = new Warmup(new Container()).register(counted('db', {}, () => score).definition);
      await settle(warmup.boot());
      const before = warmup.health();
      score = 0.5;
      warmup.monitor({ interval: 100 });
      await jest.advanceTimersByTimeAsync(100);
      expect(before.components.db).toMatchObject({ score: 1, mode: 'full' });
      expect(JSON.parse(JSON.stringify(warmup.health())).components.db).toMatchObject({ score: 0.5, mode: 'reduced' });
      await warmup.shutdown();
    });

    it('should describe a component never checked without score, neither fresh nor stale', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'plain', load: () => ({}) });
      await settle(warmup.boot());
      const plain = warmup.health().components.plain!;
      expect(plain).toEqual({ name: 'plain', status: 'ready', mode: 'full', tags: [], checking: false, fresh: false, stale: false });
      await warmup.shutdown();
    });
  });

  describe('tags', () => {
    it('should select the components carrying every tag asked for', async () => {
      const warmup = new Warmup(new Container()).register(
        counted('pg', { health: { tags: ['db', 'core'] } }).definition,
        counted('redis', { health: { tags: ['db'] } }).definition,
        counted('api').definition,
      );
      await settle(warmup.boot());
      expect(Object.keys(warmup.health().components)).toEqual(['pg', 'redis', 'api']);
      expect(Object.keys(warmup.health({ tag: 'db' }).components)).toEqual(['pg', 'redis']);
      expect(Object.keys(warmup.health({ tag: ['db', 'core'] }).components)).toEqual(['pg']);
      expect(Object.keys(warmup.health({ tag: 'nope' }).components)).toEqual([]);
      await warmup.shutdown();
    });
  });

  describe('the concurrency limit', () => {
    it('should run at most `concurrency` checks at once, the others as slots free up', async () => {
      let running = 0;
      let most = 0;
      const gates: ReturnType<typeof deferred<boolean>>[] = [];
      let booted = false;
      const check = (): boolean | Promise<boolean> => {
        if (!booted) return true;
        running++;
        most = Math.max(most, running);
        const gate = deferred<boolean>();
        gates.push(gate);
        return gate.promise.finally(() => running--);
      };
      const warmup = new Warmup(new Container()).register(
        ['a', 'b', 'c', 'd', 'e'].map((token) => ({ token, load: () => ({}), healthCheck: check, healthTimeout: 60_000 })),
      );
      await settle(warmup.boot());
      booted = true;
      warmup.monitor({ interval: 1_000, concurrency: 2 });
      await jest.advanceTimersByTimeAsync(1_000);
      expect(gates).toHaveLength(2);
      gates[0]!.resolve(true);
      await flush();
      expect(gates).toHaveLength(3);
      for (const g of gates.slice(1)) g.resolve(true);
      await flush();
      expect(gates).toHaveLength(5);
      for (const g of gates) g.resolve(true);
      await flush();
      expect(most).toBe(2);
      expect(running).toBe(0);
      await warmup.shutdown();
    });

    it('should reject a concurrency that is not a whole number ≥ 1', () => {
      const warmup = new Warmup(new Container());
      for (const concurrency of [0, 1.5, -1, NaN]) {
        expect(() => warmup.monitor({ concurrency })).toThrow(expect.objectContaining({ code: 'PREHEAT_INVALID_OPTION', option: 'concurrency' }));
      }
    });
  });

  describe('the report', () => {
    it('should show score, mode and tags of each checked component, and survive JSON', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'search', load: () => ({}), healthCheck: () => 0.6, health: { tags: ['search'] } },
        { token: 'plain', load: () => ({}) },
      );
      const report = JSON.parse(JSON.stringify(await settle(warmup.boot()))) as unknown;
      expect(isBootReport(report)).toBe(true);
      const { components } = report as { components: Record<string, Record<string, unknown>> };
      expect(components.search).toMatchObject({ status: 'ready', score: 0.6, mode: 'reduced', tags: ['search'] });
      expect(components.plain).not.toHaveProperty('score');
      expect(components.plain).not.toHaveProperty('mode');
      await warmup.shutdown();
    });
  });

  describe('bad options', () => {
    it.each([
      [{ tags: 'db' }, 'health.tags'],
      [{ tags: [''] }, 'health.tags'],
      [{ delay: -1 }, 'health.delay'],
      [{ period: 0 }, 'health.period'],
      [{ hysteresis: 0.5 }, 'health.hysteresis'],
      [{ modes: { normal: 0.97 } }, 'health.modes.normal'],
      [{ modes: { minimal: 0 } }, 'health.modes.minimal'],
      [{ modes: { full: 1.2 } }, 'health.modes.full'],
    ])('should reject health %j at register, naming %s', (health, option) => {
      const warmup = new Warmup(new Container());
      const register = () => warmup.register({ token: 'db', load: () => ({}), health: health as never });
      expect(register).toThrow(InvalidOptionError);
      expect(register).toThrow(expect.objectContaining({ option, component: 'db' }));
    });

    it('should reject a bad query of health()', () => {
      const warmup = new Warmup(new Container());
      expect(() => warmup.health({ tag: 3 as never })).toThrow(expect.objectContaining({ option: 'tag' }));
      expect(() => warmup.health({ maxAge: -1 })).toThrow(expect.objectContaining({ option: 'maxAge' }));
    });
  });
});
