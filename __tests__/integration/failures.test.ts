import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import {
  BootCancelledError,
  BootError,
  Component,
  ComponentStatus,
  ComponentTimeoutError,
  DependencyFailedError,
  InvalidOptionError,
  Priority,
  Warmup,
  type ComponentDefinition,
  type ComponentEvent,
  type LoadContext,
} from '../../src/index.js';
import { deferred } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';

// Every test here runs with a listener that records unhandled rejections: none may escape.
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('failure semantics', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('timeout per attempt', () => {
    it('aborts the signal with ComponentTimeoutError, disposes the late value, never flips back to Ready', async () => {
      let seenSignal: AbortSignal | undefined;
      const disposed: unknown[] = [];
      const late = { late: true };
      const warmup = new Warmup(new Container()).register({
        token: 'zombie',
        timeout: 1_000,
        required: false,
        load: async ({ signal }) => {
          seenSignal = signal;
          await sleep(5_000); // ignores its signal
          return late;
        },
        onShutdown: (instance: unknown) => void disposed.push(instance),
      });
      const statuses: string[] = [];
      warmup.status$('zombie').subscribe((s) => statuses.push(s));
      const report = await settle(warmup.boot());
      expect(report.components.zombie?.errorCode).toBe('PREHEAT_TIMEOUT');
      expect(report.totalLoadTimeMs).toBeLessThan(1_100);
      expect(seenSignal?.aborted).toBe(true);
      expect(seenSignal?.reason).toBeInstanceOf(ComponentTimeoutError);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(disposed).toEqual([late]);
      expect(warmup.getStatus('zombie')).toBe(ComponentStatus.Failed);
      expect(statuses).toEqual(['pending', 'loading', 'failed']);
    });

    it('does not count time queued for a slot or waiting for dependencies', async () => {
      const warmup = new Warmup(new Container(), { maxConcurrent: 1 }).register(
        { token: 'first', load: () => sleep(1_000).then(() => 1) },
        { token: 'second', timeout: 500, load: () => sleep(100).then(() => 2) },
        { token: 'third', timeout: 500, dependsOn: ['first'], load: () => sleep(100).then(() => 3) },
      );
      const report = await settle(warmup.boot());
      expect(report.readyCount).toBe(3);
    });
  });

  describe('retries with backoff', () => {
    it('waits delay × factor^n between attempts, capped, and records each attempt', async () => {
      const starts: number[] = [];
      const warmup = new Warmup(new Container()).register({
        token: 'flaky',
        retries: 4,
        backoff: { delay: 100, factor: 2, maxDelay: 300 },
        load: () => {
          starts.push(Date.now());
          if (starts.length < 5) throw new Error(`fail ${starts.length}`);
          return 'ok';
        },
      });
      const report = await settle(warmup.boot(), 1);
      const gaps = starts.slice(1).map((t, k) => t - starts[k]!);
      expect(gaps).toEqual([100, 200, 300, 300]);
      const history = report.components.flaky!.attemptHistory;
      expect(history.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'ready']);
      expect(history[0]?.error).toBe('fail 1');
      expect(report.components.flaky?.attempts).toBe(5);
    });

    it('uses backoff.delay as the base and spreads with jitter from the injected random source', async () => {
      const starts: number[] = [];
      const warmup = new Warmup(new Container(), { random: () => 1 - Number.EPSILON }).register({
        token: 'flaky',
        retries: 1,
        backoff: { delay: 1_000, jitter: 0.5 },
        load: () => {
          starts.push(Date.now());
          if (starts.length < 2) throw new Error('again');
          return 1;
        },
      });
      await settle(warmup.boot(), 1);
      expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1_499);
      expect(starts[1]! - starts[0]!).toBeLessThanOrEqual(1_500);
    });

    it('stops retrying at once on shutdown', async () => {
      let attempts = 0;
      const warmup = new Warmup(new Container()).register({
        token: 'down',
        retries: 10,
        backoff: { delay: 10_000 },
        load: () => {
          attempts++;
          throw new Error('still down');
        },
      });
      const booting = warmup.boot();
      booting.catch(() => undefined);
      await jest.advanceTimersByTimeAsync(100);
      expect(attempts).toBe(1);
      const before = Date.now();
      await settle(warmup.shutdown(), 1);
      expect(Date.now() - before).toBeLessThan(50);
      await expect(booting).rejects.toBeInstanceOf(BootCancelledError);
      await jest.advanceTimersByTimeAsync(100_000);
      expect(attempts).toBe(1);
    });
  });

  describe('health checks', () => {
    it('disposes an unhealthy instance and retries; healthy later is Ready', async () => {
      let made = 0;
      const disposed: number[] = [];
      const warmup = new Warmup(new Container()).register({
        token: 'cache',
        retries: 2,
        backoff: { delay: 10 },
        load: () => ({ id: ++made }),
        healthCheck: (instance) => instance.id >= 2,
        onShutdown: (instance) => void disposed.push(instance.id),
      } satisfies ComponentDefinition<{ id: number }>);
      const report = await settle(warmup.boot());
      expect(warmup.getComponent('cache')).toEqual({ id: 2 });
      expect(disposed).toEqual([1]);
      expect(report.components.cache?.attemptHistory.map((a) => a.outcome)).toEqual(['unhealthy', 'ready']);
    });

    it('treats a throwing or never-settling health check as unhealthy (own timeout), ending Degraded', async () => {
      const warmup = new Warmup(new Container(), { healthTimeout: 200 }).register(
        { token: 'thrower', load: () => 1, healthCheck: () => { throw new Error('probe exploded'); } },
        { token: 'hanger', load: () => 2, healthCheck: () => new Promise<boolean>(() => undefined) },
      );
      const report = await settle(warmup.boot());
      expect(report.degradedComponents.sort()).toEqual(['hanger', 'thrower']);
      expect(report.components.thrower?.lastError).toContain('probe exploded');
      expect(report.components.hanger?.errorCode).toBe('PREHEAT_TIMEOUT');
      expect(warmup.container.get('hanger')).toBe(2); // Degraded is usable
    });
  });

  describe('required vs optional and propagation', () => {
    it('fails dependents with the chain without running them; unrelated components keep loading', async () => {
      const ran: string[] = [];
      const load = (name: string) => () => void ran.push(name);
      const warmup = new Warmup(new Container()).register(
        { token: 'base', load: () => Promise.reject(new Error('connection refused')) },
        { token: 'mid', dependsOn: ['base'], load: load('mid') },
        { token: 'top', dependsOn: ['mid'], load: load('top') },
        { token: 'other', load: load('other') },
      );
      const error = (await settle(warmup.boot()).catch((e: unknown) => e)) as BootError;
      expect(error).toBeInstanceOf(BootError);
      expect(ran).toEqual(['other']);
      expect(error.report.components.top?.lastError).toBe('Dependency failed: top ← mid ← base: connection refused');
      expect(error.report.components.top?.errorCode).toBe('PREHEAT_DEPENDENCY_FAILED');
      expect(error.failedRequired).toEqual(['base', 'mid', 'top']);
      expect(error.message).toContain('base: connection refused');
      expect(error.report.readyComponents).toEqual(['other']);
    });

    it('loads dependents of a Degraded component normally', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'flaky', load: () => 1, healthCheck: () => false },
        { token: 'user', dependsOn: ['flaky'], load: ({ get }) => get<number>('flaky') + 1 },
      );
      await settle(warmup.boot());
      expect(warmup.getComponent('user')).toBe(2);
    });

    it('an optionalDependsOn edge orders but never propagates failure', async () => {
      const order: string[] = [];
      const warmup = new Warmup(new Container()).register(
        { token: 'analytics', required: false, load: async () => (order.push('analytics'), Promise.reject(new Error('x'))) },
        { token: 'app', optionalDependsOn: ['analytics'], load: ({ get }: LoadContext) => (order.push('app'), { analytics: get('analytics') }) },
      );
      const report = await settle(warmup.boot());
      expect(order).toEqual(['analytics', 'app']);
      expect(warmup.getComponent('app')).toEqual({ analytics: undefined });
      expect(report.failedComponents).toEqual(['analytics']);
    });

    it('failFast aborts in flight, starts nothing new, disposes what was ready and rejects', async () => {
      let aborted = false;
      let lateStarted = false;
      const disposed: string[] = [];
      const warmup = new Warmup(new Container(), { failFast: true }).register(
        { token: 'ready', priority: Priority.CRITICAL, load: () => 'r', onShutdown: () => void disposed.push('ready') },
        { token: 'broken', priority: Priority.HIGH, load: () => sleep(100).then(() => Promise.reject(new Error('boom'))) },
        {
          token: 'slow',
          priority: Priority.HIGH,
          load: ({ signal }) =>
            new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason)))),
        },
        { token: 'later', priority: Priority.LOW, load: () => ((lateStarted = true), 'l') },
      );
      const error = (await settle(warmup.boot()).catch((e: unknown) => e)) as BootError;
      expect(error).toBeInstanceOf(BootError);
      expect(error.failedRequired).toContain('broken');
      expect(aborted).toBe(true);
      expect(lateStarted).toBe(false);
      expect(disposed).toEqual(['ready']);
      expect(warmup.getStatus('ready')).toBe(ComponentStatus.Stopped);
    });
  });

  describe('a backoff that ends in the tick of a fail-fast cancellation', () => {
    it('does not call the loader again', async () => {
      let retried = 0;
      const warmup = new Warmup(new Container(), { failFast: true }).register(
        // Fails at once, backs off 100 ms: its sleep joins the 100 ms timer list first...
        { token: 'flaky', required: false, retries: 1, backoff: { delay: 100 }, load: () => (retried++, Promise.reject(new Error('no'))) },
        // ...then 'stuck' starts a few microtasks later, with a 100 ms timeout: both fire at t = 100.
        {
          token: 'gate',
          load: async () => {
            for (let k = 0; k < 5; k++) await Promise.resolve();
            return 1;
          },
        },
        { token: 'stuck', dependsOn: ['gate'], timeout: 100, load: () => new Promise(() => undefined) },
      );
      const error = await settle(warmup.boot()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BootError);
      expect(warmup.report().components.stuck!.errorCode).toBe('PREHEAT_TIMEOUT');
      expect(retried).toBe(1); // the backoff ended, but the boot was already cancelled
    });
  });

  describe('bad loaders', () => {
    it('turns every kind of misbehaviour into a readable failure of that component', async () => {
      @Component({ name: 'Ctor', required: false })
      class Ctor {
        constructor() {
          throw new Error('constructor blew up');
        }
      }
      const warmup = new Warmup(new Container()).register(
        Ctor,
        { token: 'syncThrow', required: false, load: () => { throw new Error('sync'); } },
        { token: 'string', required: false, load: () => Promise.reject('plain string') },
        { token: 'undef', required: false, load: () => Promise.reject(undefined) },
        { token: 'object', required: false, load: () => Promise.reject({ code: 42 }) },
        {
          token: 'twice',
          required: false,
          load: () =>
            new Promise((resolve, reject) => {
              resolve('first');
              reject(new Error('second'));
            }),
        },
      );
      const report = await settle(warmup.boot());
      const errors = Object.fromEntries(Object.values(report.components).map((c) => [c.name, c.lastError]));
      expect(errors).toEqual({
        Ctor: 'constructor blew up',
        syncThrow: 'sync',
        string: 'plain string',
        undef: 'undefined was thrown',
        object: 'non-Error thrown: {"code":42}',
        twice: undefined,
      });
      expect(report.readyComponents).toEqual(['twice']);
    });
  });

  describe('memory budget', () => {
    it('holds the budget and the concurrency limit together at every instant; a huge one runs alone', async () => {
      let running = 0;
      let memory = 0;
      let peakRunning = 0;
      let peakMemory = 0;
      let hugeOverlapped = false;
      const warnings: ComponentEvent[] = [];
      const warmup = new Warmup(new Container(), { maxConcurrent: 3, memoryBudgetMb: 1_000 });
      const sizes = [400, 400, 300, 200, 600, 100, 100, 100, 500, 2_500, 50, 50];
      sizes.forEach((mb, i) =>
        warmup.register({
          token: `c${i}`,
          memoryMb: mb,
          load: async () => {
            running++;
            memory += mb;
            if (mb > 1_000 && running > 1) hugeOverlapped = true;
            if (mb <= 1_000) {
              peakMemory = Math.max(peakMemory, memory);
            }
            peakRunning = Math.max(peakRunning, running);
            await sleep(50 + (i % 3) * 30);
            running--;
            memory -= mb;
            return i;
          },
        }),
      );
      warmup.events$.subscribe((e) => {
        if (e.type === 'warning') warnings.push(e);
        if (e.type === 'status' && e.status === 'loading' && running > 0 && e.name === 'c9') hugeOverlapped = true;
      });
      const report = await settle(warmup.boot());
      expect(report.readyCount).toBe(sizes.length);
      expect(peakRunning).toBeLessThanOrEqual(3);
      expect(peakRunning).toBeGreaterThan(1);
      expect(peakMemory).toBeLessThanOrEqual(1_000);
      expect(hugeOverlapped).toBe(false);
      expect(warnings.map((w) => w.name)).toEqual(['c9']);
    });
  });

  describe('invalid options', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['timeout', { timeout: 0 }],
      ['timeout', { timeout: Number.NaN }],
      ['retries', { retries: -1 }],
      ['retries', { retries: 1.5 }],
      ['priority', { priority: 7 }],
      ['memoryMb', { memoryMb: -5 }],
      ['memoryMb', { memoryMb: Infinity }],
      ['dependsOn[0]', { dependsOn: [undefined] }],
    ];
    it.each(cases)('rejects a bad %s at register, naming the component and the option', (option, bad) => {
      const warmup = new Warmup(new Container());
      const error = (() => {
        try {
          warmup.register({ token: 'svc', load: () => 1, ...bad });
        } catch (e) {
          return e;
        }
        return undefined;
      })() as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.message).toContain("'svc'");
      expect(() => warmup.getStatus('svc')).toThrow(); // nothing registered
    });

    it('rejects bad options at decorator time', () => {
      expect(() => {
        @Component({ timeout: -1 })
        class Bad {}
        return Bad;
      }).toThrow(/Option 'timeout' of 'Bad'/);
    });

    it.each([[{ maxConcurrent: 0 }], [{ maxConcurrent: Number.NaN }], [{ maxConcurrent: 2.5 }]])('rejects Warmup options %j', (options) => {
      expect(() => new Warmup(new Container(), options)).toThrow(InvalidOptionError);
    });

    it('accepts maxConcurrent: Infinity', () => {
      expect(() => new Warmup(new Container(), { maxConcurrent: Infinity })).not.toThrow();
    });
  });

  describe('a loader that honours its signal', () => {
    it('receives an AbortSignal that fires on timeout', async () => {
      const gate = deferred<void>();
      const warmup = new Warmup(new Container()).register({
        token: 'polite',
        timeout: 100,
        required: false,
        load: ({ signal }) =>
          new Promise((_, reject) => {
            signal.addEventListener('abort', () => {
              gate.resolve();
              reject(signal.reason);
            });
          }),
      });
      await settle(warmup.boot());
      await gate.promise;
      expect(warmup.report().components.polite?.attemptHistory[0]?.outcome).toBe('timeout');
    });
  });
});

describe('DependencyFailedError', () => {
  it('carries the root cause and the path', () => {
    const root = new Error('disk full');
    const error = new DependencyFailedError(['top', 'mid', 'base'], root);
    expect(error.cause).toBe(root);
    expect(error.path).toEqual(['top', 'mid', 'base']);
    expect(error.code).toBe('PREHEAT_DEPENDENCY_FAILED');
  });
});
