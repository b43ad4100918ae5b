import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container, preDestroy } from 'inversify';
import {
  BootCancelledError,
  Component,
  ComponentNotReadyError,
  ComponentStatus,
  Priority,
  Warmup,
  type ComponentEvent,
} from '../../src/index.js';
import { after, deferred, flush } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';

describe('Warmup lifecycle', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('deferred components', () => {
    it('are not loaded by boot and load on getAsync, dependencies first', async () => {
      const order: string[] = [];
      const warmup = new Warmup(new Container()).register(
        { token: 'base', priority: Priority.DEFERRED, load: async () => (order.push('base'), 'b') },
        { token: 'model', priority: Priority.DEFERRED, dependsOn: ['base'], load: async ({ get }) => (order.push('model'), `m(${get<string>('base')})`) },
        { token: 'api', load: async () => 'api' },
      );
      const report = await settle(warmup.boot());
      expect(report.readyComponents).toEqual(['api']);
      expect(warmup.getStatus('model')).toBe(ComponentStatus.Pending);
      expect(() => warmup.container.get('model')).toThrow(/getAsync/);
      await expect(settle(warmup.getAsync('model'))).resolves.toBe('m(b)');
      expect(order).toEqual(['base', 'model']);
      expect(warmup.container.get('model')).toBe('m(b)');
    });

    it('share one load between concurrent getAsync calls', async () => {
      let loads = 0;
      const warmup = new Warmup(new Container()).register({
        token: 'model',
        priority: Priority.DEFERRED,
        load: async () => {
          loads++;
          await new Promise((r) => setTimeout(r, 100));
          return { id: loads };
        },
      });
      await settle(warmup.boot());
      const all = Promise.all([warmup.getAsync('model'), warmup.getAsync('model'), warmup.getAsync('model')]);
      const [a, b, c] = await settle(all);
      expect(loads).toBe(1);
      expect(a).toBe(b);
      expect(b).toBe(c);
    });

    it('are promoted when a non-deferred component depends on them', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'model', priority: Priority.DEFERRED, load: async () => 'm' },
        { token: 'api', priority: Priority.HIGH, dependsOn: ['model'], load: async () => 'a' },
      );
      const report = await settle(warmup.boot());
      expect(report.components.model?.effectivePriority).toBe(Priority.HIGH);
      expect(warmup.isReady('model')).toBe(true);
    });

    it('getAsync rejects with the failure when the load fails', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'model',
        priority: Priority.DEFERRED,
        load: () => Promise.reject(new Error('no weights')),
      });
      await settle(warmup.boot());
      const error = await settle(warmup.getAsync('model')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ComponentNotReadyError);
      expect((error as Error).cause).toBeInstanceOf(Error);
    });
  });

  describe('staged warmup', () => {
    it('phase$ moves booting → critical-ready → ready → stopping → stopped', async () => {
      const phases: string[] = [];
      const warmup = new Warmup(new Container()).register(
        { token: 'auth', priority: Priority.CRITICAL, load: after(100, 'a') },
        { token: 'nlp', priority: Priority.HIGH, load: after(300, 'n') },
      );
      warmup.phase$.subscribe((p) => phases.push(p));
      expect(warmup.acceptingRequests).toBe(false);
      const booting = warmup.boot();
      await jest.advanceTimersByTimeAsync(150);
      expect(warmup.acceptingRequests).toBe(true);
      expect(warmup.isReady('nlp')).toBe(false);
      await settle(booting);
      await settle(warmup.shutdown());
      expect(phases).toEqual(['idle', 'booting', 'critical-ready', 'ready', 'stopping', 'stopped']);
      expect(warmup.acceptingRequests).toBe(false);
    });

    it('progress$ reports each settled component and each wave', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'a', priority: Priority.CRITICAL, load: after(10, 1) },
        { token: 'b', priority: Priority.LOW, load: after(10, 2) },
      );
      const seen: string[] = [];
      warmup.progress$.subscribe((p) => seen.push(`${p.waveName}:${p.settled}/${p.total}:${Math.round(p.percent)}`));
      await settle(warmup.boot());
      expect(seen[0]).toBe('idle:0/0:100');
      expect(seen).toContain('CRITICAL:1/2:50');
      expect(seen[seen.length - 1]).toBe('LOW:2/2:100');
    });

    it('waitFor(priority) resolves when that wave and the earlier ones are usable', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'a', priority: Priority.CRITICAL, load: after(100, 1) },
        { token: 'b', priority: Priority.HIGH, load: after(100, 2) },
        { token: 'c', priority: Priority.LOW, load: after(1_000, 3) },
      );
      const booting = warmup.boot();
      await settle(warmup.waitFor(Priority.HIGH));
      expect(warmup.isReady('b')).toBe(true);
      expect(warmup.isReady('c')).toBe(false);
      await settle(booting);
    });
  });

  describe('shutdown', () => {
    it('stops dependents before their dependencies (diamond), independent ones in parallel', async () => {
      const log: string[] = [];
      const def = (token: string, dependsOn: string[] = []) => ({
        token,
        dependsOn,
        load: async () => token,
        onShutdown: async () => {
          log.push(`start ${token}`);
          await new Promise((r) => setTimeout(r, 10));
          log.push(`end ${token}`);
        },
      });
      const warmup = new Warmup(new Container()).register(def('top', ['left', 'right']), def('left', ['base']), def('right', ['base']), def('base'));
      await settle(warmup.boot());
      const report = await settle(warmup.shutdown());
      expect(log[0]).toBe('start top');
      expect(log.indexOf('end top')).toBeLessThan(log.indexOf('start left'));
      expect(log.indexOf('start right')).toBeLessThan(log.indexOf('end left')); // parallel
      expect(log.indexOf('end left')).toBeLessThan(log.indexOf('start base'));
      expect(log.indexOf('end right')).toBeLessThan(log.indexOf('start base'));
      expect(report.stopped).toEqual(['top', expect.any(String), expect.any(String), 'base']);
      for (const name of ['top', 'left', 'right', 'base']) expect(warmup.getStatus(name)).toBe(ComponentStatus.Stopped);
      expect(() => warmup.container.get('top')).toThrow(ComponentNotReadyError);
    });

    it('a throwing or hanging hook is recorded and the others still stop', async () => {
      const stopped: string[] = [];
      const warmup = new Warmup(new Container(), { shutdownTimeout: 1_000 }).register(
        { token: 'thrower', load: async () => 1, onShutdown: () => { throw new Error('cannot close'); } },
        { token: 'hanger', load: async () => 2, onShutdown: () => new Promise<void>(() => undefined) },
        { token: 'fine', dependsOn: ['thrower', 'hanger'], load: async () => 3, onShutdown: () => void stopped.push('fine') },
        { token: 'base', load: async () => 4, onShutdown: () => void stopped.push('base') },
      );
      await settle(warmup.boot());
      const report = await settle(warmup.shutdown());
      expect(stopped).toEqual(expect.arrayContaining(['fine', 'base']));
      expect(report.components.thrower).toMatchObject({ outcome: 'failed', error: 'cannot close' });
      expect(report.components.hanger?.outcome).toBe('timeout');
      expect(report.failed.sort()).toEqual(['hanger', 'thrower']);
    });

    it('is idempotent: hooks run once and every call gets the same report', async () => {
      let calls = 0;
      const warmup = new Warmup(new Container()).register({ token: 'a', load: async () => 1, onShutdown: () => void calls++ });
      await settle(warmup.boot());
      const [r1, r2] = await settle(Promise.all([warmup.shutdown(), warmup.shutdown()]));
      expect(r1).toBe(r2);
      expect(await warmup.shutdown()).toBe(r1);
      expect(calls).toBe(1);
    });

    it('during boot: aborts hung loaders, starts nothing new, leaves nothing Ready', async () => {
      const signals: AbortSignal[] = [];
      const hung = (token: string) => ({
        token,
        priority: Priority.HIGH,
        load: ({ signal }: { signal: AbortSignal }) => {
          signals.push(signal);
          return new Promise<never>(() => undefined); // ignores its signal entirely
        },
      });
      let lateStarted = false;
      const warmup = new Warmup(new Container()).register(
        { token: 'ready', priority: Priority.CRITICAL, load: async () => 'r' },
        hung('h1'),
        hung('h2'),
        hung('h3'),
        hung('h4'),
        { token: 'late', priority: Priority.LOW, load: async () => ((lateStarted = true), 'l') },
      );
      const booting = warmup.boot();
      booting.catch(() => undefined);
      await jest.advanceTimersByTimeAsync(100);
      expect(signals).toHaveLength(4);
      await settle(warmup.shutdown(), 1, 50);
      await expect(booting).rejects.toBeInstanceOf(BootCancelledError);
      expect(signals.every((s) => s.aborted)).toBe(true);
      expect(lateStarted).toBe(false);
      for (const name of ['ready', 'h1', 'h2', 'h3', 'h4', 'late']) {
        expect([ComponentStatus.Stopped, ComponentStatus.Failed]).toContain(warmup.getStatus(name));
      }
    });

    it('completes the streams and refuses later registrations', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: async () => 1 });
      let eventsDone = false;
      let statusDone = false;
      warmup.events$.subscribe({ complete: () => (eventsDone = true) });
      warmup.status$('a').subscribe({ complete: () => (statusDone = true) });
      await settle(warmup.boot());
      await settle(warmup.shutdown());
      expect(eventsDone).toBe(true);
      expect(statusDone).toBe(true);
      expect(() => warmup.register({ token: 'b', load: () => 2 })).toThrow(/Cannot register 'b'/);
    });

    it('calls onShutdown and @preDestroy of classes', async () => {
      const calls: string[] = [];
      @Component()
      class Db {
        async onShutdown() {
          calls.push('onShutdown');
          await new Promise((r) => setTimeout(r, 10));
          calls.push('onShutdown done');
        }
        @preDestroy()
        close() {
          calls.push(`preDestroy(${this instanceof Db})`);
        }
      }
      const warmup = new Warmup(new Container()).register(Db);
      await settle(warmup.boot());
      const report = await settle(warmup.shutdown());
      // onShutdown first and awaited, then each @preDestroy method, once, on the instance.
      expect(calls).toEqual(['onShutdown', 'onShutdown done', 'preDestroy(true)']);
      expect(report.components.Db?.outcome).toBe('stopped');
    });

    it('calls the @preDestroy methods of a class without onShutdown', async () => {
      const calls: string[] = [];
      @Component()
      class Pool {
        @preDestroy()
        drain() {
          calls.push('drain');
        }
      }
      const warmup = new Warmup(new Container()).register(Pool);
      await settle(warmup.boot());
      await settle(warmup.shutdown());
      expect(calls).toEqual(['drain']);
    });
  });

  describe('registration after boot started', () => {
    it('throws a clear error instead of ignoring the component', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: async () => 1 });
      await settle(warmup.boot());
      expect(() => warmup.register({ token: 'late', load: () => 2 })).toThrow(/frozen/);
    });
  });

  describe('health monitor', () => {
    it('flaps a component Degraded, recovers it in place, and back to Ready', async () => {
      let healthy = true;
      let warmups = 0;
      @Component({ name: 'cache' })
      class Cache {
        onWarmup() {
          warmups++;
          healthy = true; // reconnecting fixes it
        }
        checkHealth() {
          return healthy;
        }
      }
      const container = new Container();
      const warmup = new Warmup(container).register(Cache);
      await settle(warmup.boot());
      const instance = container.get(Cache);
      const transitions: string[] = [];
      warmup.events$.subscribe((e: ComponentEvent) => {
        if (e.type === 'status') transitions.push(`${e.previous}→${e.status}`);
      });
      const monitor = warmup.monitor({ interval: 1_000, failureThreshold: 2, successThreshold: 1, backoff: { delay: 100 } });
      healthy = false;
      await jest.advanceTimersByTimeAsync(2_000); // two failed checks
      expect(warmup.getStatus(Cache)).toBe(ComponentStatus.Degraded);
      await jest.advanceTimersByTimeAsync(200); // recovery after backoff
      expect(warmups).toBe(2);
      await jest.advanceTimersByTimeAsync(1_000); // one good check
      expect(warmup.getStatus(Cache)).toBe(ComponentStatus.Ready);
      expect(container.get(Cache)).toBe(instance); // same instance: recovered in place
      expect(transitions).toEqual(['ready→degraded', 'degraded→ready']);
      const health = warmup.report().components.cache?.health;
      expect(health?.checks).toBe(3);
      expect(health?.failures).toBe(2);
      expect(health?.score).toBeCloseTo(1 / 3);
      monitor.stop();
    });

    it('gives up after the recovery attempts and marks a required component unrecoverable', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'db', load: async () => ({}), healthCheck: async () => warmupHealthy });
      let warmupHealthy = true;
      await settle(warmup.boot());
      warmup.monitor({ interval: 100, failureThreshold: 1, recoveryAttempts: 2, backoff: { delay: 10 } });
      warmupHealthy = false;
      await jest.advanceTimersByTimeAsync(2_000);
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Failed);
      expect(warmup.unrecoverable).toEqual(['db']);
      await settle(warmup.shutdown());
    });
  });
});

describe('deferred', () => {
  it('joins the running load when a getAsync target is still loading', async () => {
    const d = deferred<{ v: string }>();
    let loads = 0;
    const warmup = new Warmup(new Container()).register({ token: 'x', load: () => (loads++, d.promise) });
    const booting = warmup.boot();
    await flush();
    expect(warmup.getStatus('x')).toBe(ComponentStatus.Loading);
    const got = warmup.getAsync('x');
    const value = { v: 'value' };
    d.resolve(value);
    await booting;
    await expect(got).resolves.toBe(value);
    expect(loads).toBe(1);
  });

  it('resolves immediately when a getAsync target is already ready', async () => {
    let loads = 0;
    const warmup = new Warmup(new Container()).register({ token: 'x', load: async () => ({ n: ++loads }) });
    await warmup.boot();
    expect(warmup.getStatus('x')).toBe(ComponentStatus.Ready);
    let got: unknown;
    void warmup.getAsync('x').then((v) => (got = v));
    await flush(3); // no timer, no new attempt: a few microtasks
    expect(got).toBe(warmup.getComponent('x'));
    expect(got).toEqual({ n: 1 });
    expect(loads).toBe(1);
  });
});
