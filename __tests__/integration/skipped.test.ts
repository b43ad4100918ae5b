import { describe, expect, it } from '@jest/globals';
import { Container, inject, optional } from 'inversify';
import {
  Component,
  ComponentSkippedError,
  ComponentStatus,
  DependencySkippedError,
  ErrorCode,
  InvalidOptionError,
  Priority,
  Warmup,
  type BootProgress,
  type ComponentEvent,
} from '../../src/index.js';

describe('enabled: false (a Skipped component)', () => {
  describe('having a disabled loader with an optional dependent', () => {
    const build = (enabled: boolean | (() => boolean)) => {
      const loaded: string[] = [];
      const warmup = new Warmup(new Container()).register(
        { token: 'queue', enabled, load: () => (loaded.push('queue'), 'q') },
        { token: 'worker', optionalDependsOn: ['queue'], load: ({ get }) => (loaded.push('worker'), `worker(${String(get('queue'))})`) },
      );
      return { warmup, loaded };
    };

    it('should never load it, and give the dependent undefined', async () => {
      const { warmup, loaded } = build(false);
      const report = await warmup.boot();
      expect(loaded).toEqual(['worker']);
      expect(warmup.getStatus('queue')).toBe(ComponentStatus.Skipped);
      expect(warmup.getComponent('worker')).toBe('worker(undefined)');
      expect(report).toMatchObject({ total: 2, readyCount: 1, failedCount: 0, skippedCount: 1, skippedComponents: ['queue'], readyComponents: ['worker'] });
      expect(report.components.queue).toMatchObject({ status: 'skipped', skipReason: 'enabled is false', attempts: 0 });
      expect(report.components.queue!.startedAt).toBeUndefined();
    });

    it('should say why when enabled is a function, and call it once, at the plan', async () => {
      let calls = 0;
      function queuesOn(): boolean {
        calls++;
        return false;
      }
      const { warmup } = build(queuesOn);
      expect(calls).toBe(0);
      const report = await warmup.boot();
      expect(calls).toBe(1);
      expect(report.components.queue!.skipReason).toBe('enabled (queuesOn) returned false');
      expect(warmup.report().components.queue!.status).toBe('skipped');
      expect(calls).toBe(1);
    });

    it('should load it as usual when the function says true', async () => {
      const { warmup, loaded } = build(() => true);
      await warmup.boot();
      expect(loaded).toEqual(['queue', 'worker']);
      expect(warmup.getComponent('worker')).toBe('worker(q)');
    });

    it('should throw PREHEAT_COMPONENT_SKIPPED from container.get, getAsync, whenReady and ready$', async () => {
      const { warmup } = build(false);
      await warmup.boot();
      expect(() => warmup.container.get('queue')).toThrow(ComponentSkippedError);
      expect(() => warmup.container.get('queue')).toThrow(/Component 'queue' is skipped: enabled is false\n {2}hint: enable it/);
      await expect(warmup.getAsync('queue')).rejects.toMatchObject({ code: ErrorCode.ComponentSkipped, reason: 'enabled is false' });
      await expect(warmup.whenReady('queue')).rejects.toBeInstanceOf(ComponentSkippedError);
      expect(warmup.isReady('queue')).toBe(false);
      expect(warmup.getComponent('queue')).toBeUndefined();
    });

    it('should emit its status change with the reason, and leave it out of progress', async () => {
      const { warmup } = build(false);
      const events: ComponentEvent[] = [];
      const progress: BootProgress[] = [];
      warmup.events$.subscribe((e) => events.push(e));
      warmup.progress$.subscribe((p) => progress.push(p));
      await warmup.boot();
      expect(events.find((e) => e.name === 'queue')).toMatchObject({ type: 'status', previous: 'pending', status: 'skipped', message: 'enabled is false' });
      expect(events.filter((e) => e.name === 'queue')).toHaveLength(1);
      expect(progress.at(-1)).toMatchObject({ total: 1, settled: 1 });
    });

    it('should stay Skipped through shutdown', async () => {
      const { warmup } = build(false);
      await warmup.boot();
      await warmup.shutdown();
      expect(warmup.getStatus('queue')).toBe(ComponentStatus.Skipped);
    });

    it('should be skipped for a getAsync before boot too', async () => {
      const { warmup } = build(false);
      await expect(warmup.getAsync('worker')).resolves.toBe('worker(undefined)');
      await expect(warmup.getAsync('queue')).rejects.toBeInstanceOf(ComponentSkippedError);
    });
  });

  describe('having a required dependent', () => {
    it('should fail to plan with PREHEAT_DEPENDENCY_SKIPPED naming the path, before anything loads', async () => {
      let loaded = false;
      const warmup = new Warmup(new Container()).register(
        { token: 'config', load: () => ((loaded = true), {}) },
        { token: 'queue', enabled: false, dependsOn: ['config'], load: () => 'q' },
        { token: 'worker', dependsOn: ['queue'], load: () => 'w' },
      );
      const error = (await warmup.boot().catch((e: unknown) => e)) as DependencySkippedError;
      expect(error).toBeInstanceOf(DependencySkippedError);
      expect(error.code).toBe(ErrorCode.DependencySkipped);
      expect(error.path).toEqual(['worker', 'queue']);
      expect(error.message).toMatch(/^Component 'worker' requires 'queue', which is skipped \(enabled is false\): worker → queue\n {2}hint: make the edge optional/);
      expect(loaded).toBe(false);
      expect(warmup.phase).toBe('failed');
    });

    it('should plan when the dependent is disabled too', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'queue', enabled: false, load: () => 'q' },
        { token: 'worker', enabled: false, dependsOn: ['queue'], load: () => 'w' },
        { token: 'api', load: () => 'a' },
      );
      const report = await warmup.boot();
      expect(report.skippedComponents).toEqual(['queue', 'worker']);
      expect(report.readyComponents).toEqual(['api']);
    });
  });

  describe('having classes', () => {
    it('should not construct a disabled class, and inject undefined where the edge is optional', async () => {
      let constructed = 0;
      @Component({ enabled: false })
      class Consumer {
        constructor() {
          constructed++;
        }
      }
      @Component({ inject: [{ token: Consumer, optional: true }] })
      class Orders {
        constructor(readonly consumer: Consumer | undefined) {}
      }
      @Component()
      class Billing {
        constructor(@inject(Consumer) @optional() readonly consumer: Consumer | undefined) {}
      }
      const warmup = new Warmup(new Container()).register(Consumer, Orders, Billing);
      await warmup.boot();
      expect(constructed).toBe(0);
      expect(warmup.container.get(Orders).consumer).toBeUndefined();
      expect(warmup.container.get(Billing).consumer).toBeUndefined();
      expect(() => warmup.container.get(Consumer)).toThrow(ComponentSkippedError);
    });

    it('should fail to plan for a required constructor injection', async () => {
      @Component({ enabled: false })
      class Consumer {}
      @Component({ inject: [Consumer] })
      class Orders {
        constructor(readonly consumer: Consumer) {}
      }
      await expect(new Warmup(new Container()).register(Consumer, Orders).boot()).rejects.toMatchObject({ code: ErrorCode.DependencySkipped, path: ['Orders', 'Consumer'] });
    });
  });

  describe('in the waves', () => {
    it('should not hold back a wave, waitForCritical or acceptingRequests', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'off', priority: Priority.CRITICAL, enabled: false, load: () => 'x' },
        { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
      );
      await warmup.boot();
      await expect(warmup.waitForCritical()).resolves.toBeUndefined();
      expect(warmup.acceptingRequests).toBe(true);
    });
  });

  describe('with eager scheduling', () => {
    it('should boot the rest and end the boot without waiting for it', async () => {
      const warmup = new Warmup(new Container(), { schedule: 'eager' }).register(
        { token: 'off', priority: Priority.HIGH, enabled: false, load: () => 'x' },
        { token: 'a', priority: Priority.HIGH, optionalDependsOn: ['off'], load: ({ get }) => String(get('off')) },
        { token: 'b', priority: Priority.LOW, dependsOn: ['a'], load: () => 'b' },
      );
      const report = await warmup.boot();
      expect(report).toMatchObject({ schedule: 'eager', readyComponents: ['a', 'b'], skippedComponents: ['off'] });
      expect(warmup.getComponent('a')).toBe('undefined');
    });
  });

  describe('having a bad enabled', () => {
    it('should reject a value that is neither boolean nor function at register', () => {
      expect(() => new Warmup(new Container()).register({ token: 'x', enabled: 'no' as unknown as boolean, load: () => 1 })).toThrow(InvalidOptionError);
    });

    it('should fail the plan with InvalidOptionError when the function throws or answers a non-boolean', async () => {
      const throwing = new Warmup(new Container()).register({
        token: 'x',
        enabled: () => {
          throw new Error('no env');
        },
        load: () => 1,
      });
      await expect(throwing.boot()).rejects.toThrow(/Option 'enabled' of 'x' threw when the boot was planned \(no env\)/);
      const odd = new Warmup(new Container()).register({ token: 'y', enabled: () => 'yes' as unknown as boolean, load: () => 1 });
      await expect(odd.boot()).rejects.toThrow(/Option 'enabled' of 'y' must return a boolean/);
    });
  });
});
