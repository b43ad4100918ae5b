import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Component, ComponentStatus, ComponentTimeoutError, ErrorCode, Warmup, type OnWarmup, type WarmupContext } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });

describe('ctx.step', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('having a loader with nested steps', () => {
    it('should record each step with its start, end, tags, parent and error in the report', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'db',
        load: async (ctx) => {
          await ctx.step('connect', (signal) => sleep(100, signal), { host: 'db1' });
          const rows = await ctx.step('migrate', async (_signal, steps) => {
            await steps.step('lock', () => sleep(20));
            await steps.step('apply', () => sleep(30), { files: 3 });
            return 42;
          });
          await ctx.step('warm cache', () => Promise.reject(new Error('cold'))).catch(() => undefined);
          return rows;
        },
      });
      const report = await settle(warmup.boot());
      expect(warmup.getComponent('db')).toBe(42);
      const steps = report.components.db!.attemptHistory[0]!.steps!;
      expect(steps).toEqual([
        { name: 'connect', startedAt: 0, finishedAt: 100, tags: { host: 'db1' } },
        { name: 'migrate', startedAt: 100, finishedAt: 150 },
        { name: 'lock', startedAt: 100, finishedAt: 120, parent: 1 },
        { name: 'apply', startedAt: 120, finishedAt: 150, parent: 1, tags: { files: 3 } },
        { name: 'warm cache', startedAt: 150, finishedAt: 150, error: 'cold' },
      ]);
      expect(JSON.parse(JSON.stringify(report)).components.db.attemptHistory[0].steps).toEqual(steps);
    });

    it('should let the loader destructure step and extendTimeout', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'x',
        load: async ({ step, extendTimeout }) => {
          extendTimeout(1);
          return step('only', () => 'v');
        },
      });
      const report = await settle(warmup.boot());
      expect(warmup.getComponent('x')).toBe('v');
      expect(report.components.x!.attemptHistory[0]!.steps!.map((s) => s.name)).toEqual(['only']);
    });
  });

  describe('having a class whose onWarmup takes the context', () => {
    it('should record its steps, and still call a one-argument onWarmup as before', async () => {
      @Component()
      class Index implements OnWarmup {
        async onWarmup(signal: AbortSignal, ctx: WarmupContext): Promise<void> {
          expect(ctx.signal).toBe(signal);
          expect(ctx.attempt).toBe(1);
          await ctx.step('load shards', () => sleep(40));
        }
      }
      @Component()
      class Old {
        warmed = false;
        async onWarmup(signal: AbortSignal): Promise<void> {
          expect(signal).toBeInstanceOf(AbortSignal);
          this.warmed = true;
        }
      }
      const warmup = new Warmup(new Container()).register(Index, Old);
      const report = await settle(warmup.boot());
      expect(report.components.Index!.attemptHistory[0]!.steps).toEqual([{ name: 'load shards', startedAt: 0, finishedAt: 40 }]);
      expect(report.components.Old!.attemptHistory[0]!.steps).toBeUndefined();
      expect(warmup.getComponent<Old>(Old)!.warmed).toBe(true);
    });
  });

  describe('when the health monitor recovers a class in place', () => {
    it('should run its steps again without recording them, with attempt 0 and an extendTimeout that moves nothing', async () => {
      let healthy = true;
      const seen: { attempt: number; extended: number; value: string }[] = [];
      @Component({ name: 'cache', maxTimeout: 60_000 })
      class Cache implements OnWarmup {
        async onWarmup(_signal: AbortSignal, ctx: WarmupContext): Promise<void> {
          const value = await ctx.step('reconnect', () => 'up');
          seen.push({ attempt: ctx.attempt, extended: ctx.extendTimeout(1_000), value });
          healthy = true;
        }
        checkHealth(): boolean {
          return healthy;
        }
      }
      const warmup = new Warmup(new Container()).register(Cache);
      const report = await settle(warmup.boot());
      expect(report.components.cache!.attemptHistory[0]!.steps!.map((s) => s.name)).toEqual(['reconnect']);
      const monitor = warmup.monitor({ interval: 1_000, failureThreshold: 1, successThreshold: 1, backoff: { delay: 100 } });
      healthy = false;
      await jest.advanceTimersByTimeAsync(1_300); // a failed check, then the recovery after its backoff
      await jest.advanceTimersByTimeAsync(1_000); // a good check
      expect(warmup.getStatus(Cache)).toBe(ComponentStatus.Ready);
      expect(seen).toEqual([
        { attempt: 1, extended: 30_000, value: 'up' }, // shorter than what is left of the 30 s timeout: unchanged
        { attempt: 0, extended: NaN, value: 'up' },
      ]);
      expect(warmup.report().components.cache!.attemptHistory).toHaveLength(1);
      monitor.stop();
    });
  });

  describe('when the attempt times out during a step', () => {
    it('should mark the step unfinished at the attempt end and refuse new steps', async () => {
      let later: Promise<unknown> | undefined;
      const warmup = new Warmup(new Container()).register({
        token: 'slow',
        timeout: 100,
        required: false,
        load: async (ctx) => {
          await ctx.step('hang', () => sleep(1_000));
          later = ctx.step('after', () => 'never').catch((e: unknown) => e);
          return 'late';
        },
      });
      const report = await settle(warmup.boot());
      const [attempt] = report.components.slow!.attemptHistory;
      expect(attempt!.outcome).toBe('timeout');
      expect(attempt!.steps).toEqual([{ name: 'hang', startedAt: 0, finishedAt: 100, unfinished: true }]);
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(later).resolves.toMatchObject({ code: ErrorCode.Timeout });
    });
  });

  describe('when a step is given bad arguments', () => {
    it('should reject with InvalidOptionError naming the component', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'bad',
        required: false,
        load: (ctx) => ctx.step('', () => 1),
      });
      const report = await settle(warmup.boot());
      expect(report.components.bad!.errorCode).toBe(ErrorCode.InvalidOption);
      expect(report.components.bad!.lastError).toMatch(/Option 'step' of 'bad'/);
    });
  });
});

describe('ctx.extendTimeout', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** A loader that makes progress `beats` times, every `every` ms, extending by `by` each time. */
  const progressing = (beats: number, every: number, by: number) => async (ctx: WarmupContext) => {
    for (let k = 0; k < beats; k++) {
      await sleep(every, ctx.signal);
      ctx.extendTimeout(by);
    }
    await sleep(every, ctx.signal);
    return 'done';
  };

  describe('having maxTimeout above timeout', () => {
    it('should keep an attempt that makes progress alive past its timeout and record each extension', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'index', timeout: 100, maxTimeout: 1_000, load: progressing(4, 80, 100) });
      const report = await settle(warmup.boot());
      const [attempt] = report.components.index!.attemptHistory;
      expect(attempt!.outcome).toBe('ready');
      expect(attempt!.finishedAt).toBe(400);
      expect(attempt!.extensions).toEqual([
        { at: 80, deadline: 180 },
        { at: 160, deadline: 260 },
        { at: 240, deadline: 340 },
        { at: 320, deadline: 420 },
      ]);
    });

    it('should time out on time once the component stops extending, saying so', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'stuck',
        timeout: 100,
        maxTimeout: 1_000,
        required: false,
        load: async (ctx) => {
          await sleep(80, ctx.signal);
          ctx.extendTimeout(100); // deadline 180
          await sleep(10_000, ctx.signal); // a hang
        },
      });
      const booting = settle(warmup.boot());
      const report = await booting;
      const [attempt] = report.components.stuck!.attemptHistory;
      expect(attempt!.outcome).toBe('timeout');
      expect(attempt!.finishedAt).toBe(180);
      expect(report.components.stuck!.lastError).toBe("Component 'stuck' warm-up did not finish within 180 ms (attempt 1): timeout 100 ms, extended 1 time (maxTimeout 1000 ms)");
    });

    it('should never let the deadline pass maxTimeout from the attempt start', async () => {
      let seen: number[] = [];
      const warmup = new Warmup(new Container()).register({
        token: 'greedy',
        timeout: 100,
        maxTimeout: 250,
        required: false,
        load: async (ctx) => {
          seen = [];
          for (;;) {
            await sleep(50, ctx.signal);
            seen.push(ctx.extendTimeout(1_000));
          }
        },
      });
      const report = await settle(warmup.boot());
      const [attempt] = report.components.greedy!.attemptHistory;
      expect(attempt!.finishedAt).toBe(250);
      expect(attempt!.extensions).toEqual([{ at: 50, deadline: 250, capped: true }]);
      expect(seen).toEqual([250, 250, 250, 250]);
      const error = warmup.report().components.greedy!.lastError!;
      expect(error).toMatch(/within 250 ms .*extended 1 time \(maxTimeout 250 ms\)/);
    });

    it('should give each retry its own deadline', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'retried',
        timeout: 100,
        maxTimeout: 300,
        retries: 1,
        backoff: { delay: 10 },
        load: async (ctx) => {
          if (ctx.attempt === 1) {
            ctx.extendTimeout(200);
            await sleep(10_000, ctx.signal);
          }
          await sleep(150, ctx.signal); // past 100: times out without an extension
          return 'never';
        },
      });
      const report = await settle(warmup.boot().catch(() => warmup.report()));
      const history = report.components.retried!.attemptHistory;
      expect(history.map((a) => [a.outcome, a.finishedAt - a.startedAt])).toEqual([
        ['timeout', 200],
        ['timeout', 100],
      ]);
      expect(history[1]!.extensions).toBeUndefined();
    });
  });

  describe('having no maxTimeout (the default)', () => {
    it('should move nothing and time out at timeout with the usual message', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'plain', timeout: 100, required: false, load: progressing(4, 80, 100) });
      const report = await settle(warmup.boot());
      const c = report.components.plain!;
      expect(c.attemptHistory[0]!.outcome).toBe('timeout');
      expect(c.attemptHistory[0]!.finishedAt).toBe(100);
      expect(c.attemptHistory[0]!.extensions).toBeUndefined();
      expect(c.lastError).toBe("Component 'plain' warm-up did not finish within 100 ms (attempt 1)");
    });
  });

  describe('when the attempt is over', () => {
    it('should answer NaN and reject a bad value', async () => {
      let ctx: WarmupContext | undefined;
      const warmup = new Warmup(new Container()).register({ token: 'x', maxTimeout: 60_000, load: (c) => ((ctx = c), 1) });
      await settle(warmup.boot());
      expect(ctx!.extendTimeout(10)).toBeNaN();
      expect(() => ctx!.extendTimeout(-1)).toThrow("Option 'extendTimeout' of 'x' takes a number of ms ≥ 0; got -1");
    });
  });

  it('should reject maxTimeout below timeout at register', () => {
    expect(() => new Warmup(new Container()).register({ token: 'x', timeout: 5_000, maxTimeout: 1_000, load: () => 1 })).toThrow(
      /Option 'maxTimeout' of 'x' must be ≥ timeout \(5000 ms\)/,
    );
    expect(() => new Warmup(new Container()).register({ token: 'y', maxTimeout: 1_000, load: () => 1 })).toThrow(/≥ timeout \(30000 ms\)/);
  });

  it('should carry the extension info on the ComponentTimeoutError', () => {
    const error = new ComponentTimeoutError('a', 100, 'load', 1, { extensions: 0, deadlineMs: 100, maxTimeoutMs: 500 });
    expect(error.message).toMatch(/never extended \(maxTimeout 500 ms\)\n {2}hint: it stopped reporting progress/);
    expect(error.extension).toEqual({ extensions: 0, deadlineMs: 100, maxTimeoutMs: 500 });
  });
});
