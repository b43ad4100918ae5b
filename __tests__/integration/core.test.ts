import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container, inject, injectable, optional } from 'inversify';
import { config } from 'rxjs';
import {
  CircularDependencyError,
  Component,
  ComponentNotReadyError,
  ComponentStatus,
  DuplicateComponentError,
  MissingDependencyError,
  Priority,
  Warmup,
  type AttemptRecord,
  type ComponentEvent,
  type OnWarmup,
} from '../../src/index.js';
import { deferred } from '../helpers/deferred.js';

describe('Warmup core', () => {
  describe('graph checks before anything loads', () => {
    it('rejects a cycle with its real path and loads nothing', async () => {
      let loads = 0;
      const load = async () => ++loads;
      const warmup = new Warmup(new Container()).register(
        { token: 'A', dependsOn: ['B'], load },
        { token: 'B', dependsOn: ['C'], load },
        { token: 'C', dependsOn: ['A'], load },
        { token: 'D', load },
      );
      const error = (await warmup.boot().catch((e: unknown) => e)) as CircularDependencyError;
      expect(error).toBeInstanceOf(CircularDependencyError);
      expect(error.code).toBe('PREHEAT_CIRCULAR_DEPENDENCY');
      expect(error.cycle).toEqual(['A', 'B', 'C', 'A']);
      expect(error.message).toContain('A → B → C → A');
      expect(loads).toBe(0);
    });

    it('rejects a cycle through constructor injection', async () => {
      @Component({ dependsOn: ['Second'] })
      class First {}
      @Component({ name: 'Second' })
      class Second {
        constructor(@inject(First) readonly first: First) {}
      }
      const error = await new Warmup(new Container())
        .register(First, Second)
        .boot()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CircularDependencyError);
      expect((error as CircularDependencyError).cycle).toEqual(['First', 'Second', 'First']);
    });

    it('rejects a missing dependency naming both sides', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'api', dependsOn: ['db'], load: () => 1 });
      const error = (await warmup.boot().catch((e: unknown) => e)) as MissingDependencyError;
      expect(error).toBeInstanceOf(MissingDependencyError);
      expect(error.message).toContain("'api' depends on 'db'");
      expect(error.dependency).toBe('db');
    });

    it('accepts a dependency that is an ordinary binding of the container', async () => {
      const container = new Container();
      container.bind('config').toConstantValue({ url: 'x' });
      const warmup = new Warmup(container).register({ token: 'db', dependsOn: ['config'], load: ({ get }) => get<{ url: string }>('config').url });
      await warmup.boot();
      expect(container.get('db')).toBe('x');
    });

    it('hands loaders a context whose get survives destructuring and spreading', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'config', load: () => ({ url: 'x' }) },
        {
          token: 'db',
          dependsOn: ['config'],
          load: (ctx) => {
            const { attempt, ...rest } = ctx;
            const copy = { ...ctx };
            return `${attempt}:${rest.get<{ url: string }>('config').url}:${copy.get<{ url: string }>('config').url}`;
          },
        },
      );
      await warmup.boot();
      expect(warmup.getComponent('db')).toBe('1:x:x');
    });

    it('rejects duplicate registration at register, keeping the first', () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      expect(() => warmup.register({ token: 'a', load: () => 2 })).toThrow(DuplicateComponentError);
      expect(() => warmup.register({ token: 'b', load: () => 2 }, { token: 'b', load: () => 3 })).toThrow(DuplicateComponentError);
      expect(() => warmup.getStatus('b')).toThrow(/No component 'b'/); // nothing half-registered
      expect(warmup.getStatus('a')).toBe(ComponentStatus.Pending);
    });

    it('boots a 50,000-long chain without overflowing the stack', async () => {
      const warmup = new Warmup(new Container(), { maxConcurrent: Infinity });
      const n = 50_000;
      for (let i = 0; i < n; i++) warmup.register({ token: `n${i}`, dependsOn: i === 0 ? [] : [`n${i - 1}`], load: () => i });
      const report = await warmup.boot();
      expect(report.readyCount).toBe(n);
    }, 60_000);
  });

  describe('priority inversion', () => {
    it('loads a LOW dependency of a CRITICAL component in the critical wave', async () => {
      const order: string[] = [];
      const track = (name: string) => () => void order.push(name);
      const warmup = new Warmup(new Container()).register(
        { token: 'high', priority: Priority.HIGH, load: track('high') },
        { token: 'auth', priority: Priority.CRITICAL, dependsOn: ['store'], load: track('auth') },
        { token: 'store', priority: Priority.LOW, load: track('store') },
      );
      const report = await warmup.boot();
      expect(order).toEqual(['store', 'auth', 'high']);
      expect(report.components.store).toMatchObject({ priority: Priority.LOW, effectivePriority: Priority.CRITICAL, wave: Priority.CRITICAL });
    });
  });

  describe('classes and the inversify container', () => {
    @Component({ priority: Priority.CRITICAL })
    class Config {
      readonly url = 'postgres://db';
    }
    @Component({ priority: Priority.HIGH })
    class Db implements OnWarmup {
      connected = false;
      constructor(readonly config: Config) {}
      async onWarmup() {
        await Promise.resolve();
        this.connected = true;
      }
    }
    @Component()
    class Api {
      constructor(
        readonly db: Db,
        @inject('clock') readonly clock: () => number,
      ) {}
    }

    it('infers edges from constructor parameters and hands out warm singletons', async () => {
      const container = new Container();
      container.bind('clock').toConstantValue(() => 42);
      const warmup = new Warmup(container).register(Api, Db, Config);
      const report = await warmup.boot();
      expect(report.components.Api?.dependsOn).toEqual(['Db']);
      expect(report.components.Db?.dependsOn).toEqual(['Config']);
      const api = container.get(Api);
      expect(api).toBe(container.get(Api));
      expect(api.db).toBe(container.get(Db));
      expect(api.db.connected).toBe(true);
      expect(api.db.config).toBe(warmup.getComponent(Config));
      expect(api.clock()).toBe(42); // other bindings keep working
    });

    it('throws ComponentNotReadyError from container.get until the component is usable', async () => {
      const gate = deferred();
      @Component({ name: 'Slow' })
      class Slow {
        async onWarmup() {
          await gate.promise;
        }
      }
      const container = new Container();
      const warmup = new Warmup(container).register(Slow);
      expect(() => container.get(Slow)).toThrow(ComponentNotReadyError);
      expect(() => container.get(Slow)).toThrow(/'Slow' is not ready \(status: pending\)/);
      const booting = warmup.boot();
      await Promise.resolve();
      await Promise.resolve();
      expect(() => container.get(Slow)).toThrow(/status: loading/);
      gate.resolve();
      await booting;
      expect(container.get(Slow)).toBeInstanceOf(Slow);
    });

    it('injects undefined for an optional dependency that failed', async () => {
      @Component({ name: 'Metrics', required: false })
      class Metrics {
        onWarmup() {
          throw new Error('no collector');
        }
      }
      @Component({ name: 'Service' })
      class Service {
        constructor(@inject(Metrics) @optional() readonly metrics: Metrics | undefined) {}
      }
      const container = new Container();
      const report = await new Warmup(container).register(Metrics, Service).boot();
      expect(report.components.Service?.optionalDependsOn).toEqual(['Metrics']);
      expect(container.get(Service).metrics).toBeUndefined();
    });

    it('honours @injectable already on the class and a custom token', async () => {
      @Component({ token: 'cache', name: 'cache' })
      @injectable()
      class Cache {}
      const container = new Container();
      await new Warmup(container).register(Cache).boot();
      expect(container.get('cache')).toBeInstanceOf(Cache);
    });
  });

  describe('status$ and events$', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('replays the current status, then each distinct change', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => new Promise((r) => setTimeout(() => r(1), 100)) });
      const early: string[] = [];
      warmup.status$('a').subscribe((s) => early.push(s));
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(10);
      const late: string[] = [];
      warmup.status$('a').subscribe((s) => late.push(s));
      await jest.advanceTimersByTimeAsync(200);
      await booting;
      expect(early).toEqual(['pending', 'loading', 'ready']);
      expect(late).toEqual(['loading', 'ready']);
    });

    it('gives each subscriber its own component only, and lets one unsubscribe from inside its callback', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'a', load: () => 1 },
        { token: 'b', dependsOn: ['a'], load: () => 2 },
      );
      const seenA: string[] = [];
      const seenB: string[] = [];
      const first: string[] = [];
      const subscription = warmup.status$('a').subscribe((s) => {
        first.push(s);
        if (s === 'loading') subscription.unsubscribe();
      });
      warmup.status$('a').subscribe((s) => seenA.push(s));
      warmup.status$('b').subscribe((s) => seenB.push(s));
      await warmup.boot();
      expect(first).toEqual(['pending', 'loading']);
      expect(seenA).toEqual(['pending', 'loading', 'ready']);
      expect(seenB).toEqual(['pending', 'loading', 'ready']);
    });

    it('completes every status$ at shutdown, and one subscribed after it replays the last status and completes', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      await warmup.boot();
      const during: string[] = [];
      let completed = false;
      warmup.status$('a').subscribe({ next: (s) => during.push(s), complete: () => (completed = true) });
      await warmup.shutdown();
      expect(during).toEqual(['ready', 'stopped']);
      expect(completed).toBe(true);
      const after: string[] = [];
      let afterCompleted = false;
      warmup.status$('a').subscribe({ next: (s) => after.push(s), complete: () => (afterCompleted = true) });
      expect(after).toEqual(['stopped']);
      expect(afterCompleted).toBe(true);
    });

    it('tells each attempt as it ends, with when it started, matching the report', async () => {
      let calls = 0;
      const warmup = new Warmup(new Container()).register({
        token: 'flaky',
        retries: 1,
        backoff: { delay: 50 },
        load: () => new Promise((resolve, reject) => setTimeout(() => (++calls === 1 ? reject(new Error('first')) : resolve(1)), 20)),
      });
      const attempts: ComponentEvent[] = [];
      warmup.events$.subscribe((e) => {
        if (e.type === 'attempt') attempts.push(e);
      });
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(200);
      const report = await booting;
      expect(attempts.map((e) => [e.attempt, e.outcome, e.startedAt, e.at])).toEqual(
        report.components.flaky!.attemptHistory.map((a) => [a.attempt, a.outcome, a.startedAt, a.finishedAt]),
      );
      expect(attempts.map((e) => e.at - e.startedAt!)).toEqual([20, 20]);
    });

    it('gives a report built inside an attempt event the attempt as it ended', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => new Promise((r) => setTimeout(() => r(1), 30)) });
      const seen: AttemptRecord[][] = [];
      warmup.events$.subscribe((e) => {
        if (e.type === 'attempt') seen.push(warmup.report().components.a!.attemptHistory);
      });
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(50);
      await booting;
      expect(seen).toHaveLength(1);
      const [record] = seen[0]!;
      expect(record).toMatchObject({ attempt: 1, outcome: 'ready' });
      expect(record!.finishedAt - record!.startedAt).toBe(30);
    });

    it('a subscriber that throws does not break the pipeline or other subscribers', async () => {
      const reported: unknown[] = [];
      const previous = config.onUnhandledError;
      config.onUnhandledError = (e) => reported.push(e);
      try {
        const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 }, { token: 'b', dependsOn: ['a'], load: () => 2 });
        const seen: string[] = [];
        warmup.events$.subscribe(() => {
          throw new Error('bad subscriber');
        });
        warmup.events$.subscribe((e) => seen.push(`${e.name}:${e.type}:${e.status}`));
        const booting = warmup.boot();
        await jest.advanceTimersByTimeAsync(10);
        const report = await booting;
        expect(report.readyCount).toBe(2);
        expect(seen).toContain('b:status:ready');
        await jest.advanceTimersByTimeAsync(10);
        expect(reported.length).toBeGreaterThan(0);
      } finally {
        config.onUnhandledError = previous;
      }
    });

    it('ready$ emits the instance once and completes; errors when the component failed', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'ok', load: () => 'value' },
        { token: 'bad', required: false, load: () => Promise.reject(new Error('nope')) },
      );
      const values: unknown[] = [];
      let completed = false;
      let failure: unknown;
      warmup.ready$('ok').subscribe({ next: (v) => values.push(v), complete: () => (completed = true) });
      warmup.ready$('bad').subscribe({ error: (e: unknown) => (failure = e) });
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(10);
      await booting;
      expect(values).toEqual(['value']);
      expect(completed).toBe(true);
      expect(String(failure)).toContain('nope');
    });
  });

  describe('boot()', () => {
    it('is idempotent: concurrent and repeated calls share one run', async () => {
      let loads = 0;
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => ++loads });
      const [r1, r2] = await Promise.all([warmup.boot(), warmup.boot()]);
      const r3 = await warmup.boot();
      expect(loads).toBe(1);
      expect(r1).toBe(r2);
      expect(r2).toBe(r3);
    });

    it('whenReady resolves with the instance and rejects after its timeout', async () => {
      jest.useFakeTimers();
      try {
        const warmup = new Warmup(new Container()).register({ token: 'slow', load: () => new Promise((r) => setTimeout(() => r('s'), 1_000)) });
        const booting = warmup.boot();
        const early = warmup.whenReady('slow', { timeout: 100 }).catch((e: unknown) => e);
        const later = warmup.whenReady('slow');
        await jest.advanceTimersByTimeAsync(2_000);
        expect(await early).toBeInstanceOf(ComponentNotReadyError);
        await expect(later).resolves.toBe('s');
        await booting;
      } finally {
        jest.useRealTimers();
      }
    });
  });
});

describe('register with arrays', () => {
  it('accepts arrays, mixed with single items, and an array too long to spread into a call', async () => {
    // 200,000 items: more than V8 takes as the arguments of one call, so preheat must never spread
    // the array it is given (push(...items), fn(...items)) on its way to the registry.
    const many = Array.from({ length: 200_000 }, (_, i) => ({ token: `m${i}`, priority: Priority.LOW, load: () => i }));
    const warmup = new Warmup(new Container(), { maxConcurrent: Infinity });
    expect(() => warmup.register(many)).not.toThrow();
    warmup.register([{ token: 'a', load: () => 'a' }, { token: 'c', load: () => 'c' }], { token: 'b', load: () => 'b' }, [{ token: 'd', load: () => 'd' }]);
    for (const token of ['m0', 'm123456', 'm199999', 'a', 'b', 'c', 'd']) expect(warmup.getStatus(token)).toBe(ComponentStatus.Pending);
    expect(warmup.report().total).toBe(200_004);
    expect(() => warmup.register([{ token: 'm5', load: () => 5 }])).toThrow(/m5/); // each item really is in the registry
  });
});
