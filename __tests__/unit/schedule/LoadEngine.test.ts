import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { lastValueFrom, type Observable } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { Priority } from '../../../src/component/Priority.js';
import { DependencyFailedError } from '../../../src/errors/DependencyFailedError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import type { PreheatError } from '../../../src/errors/PreheatError.js';
import { after, flush } from '../../helpers/deferred.js';
import { buildEngine } from '../../helpers/engine.js';

/** A definition whose load takes `ms` and records when it started (virtual ms since the test began). */
function timed(token: string, ms: number, starts: Record<string, number>, extra: Partial<ComponentDefinition> = {}): ComponentDefinition {
  return { token, ...extra, load: () => ((starts[token] = Date.now() - t0), after(ms, token)()) };
}
let t0 = 0;

/** Whether an Observable has completed by now. */
function completion(source: Observable<never>): { done: boolean } {
  const state = { done: false };
  source.subscribe({ complete: () => (state.done = true) });
  return state;
}

describe('LoadEngine', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    t0 = Date.now();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('markBootSet', () => {
    it('should count every non-deferred component after priority inversion, and list those settled early in the order they settled', async () => {
      const h = buildEngine([
        { token: 'a', priority: Priority.HIGH, load: after(20, 'a') },
        { token: 'lazy', priority: Priority.DEFERRED, load: () => 'lazy' },
        { token: 'promoted', priority: Priority.DEFERRED, load: () => 'p' }, // a LOW one needs it
        { token: 'low', priority: Priority.LOW, dependsOn: ['promoted'], load: () => 'low' },
        { token: 'early', priority: Priority.HIGH, load: after(5, 'e') },
      ]);
      const demanded = Promise.all([h.engine.demand(h.index('a')), h.engine.demand(h.index('early'))]);
      await jest.advanceTimersByTimeAsync(20);
      await demanded;
      const { total, settledEarly } = h.engine.markBootSet();
      expect(total).toBe(4); // a, promoted, low, early
      expect(settledEarly).toEqual([h.index('early'), h.index('a')]);
      expect(h.engine.inBoot(h.index('promoted'))).toBe(true);
      expect(h.engine.inBoot(h.index('lazy'))).toBe(false);
      expect(h.engine.remaining(Priority.HIGH)).toBe(0); // both settled already
      expect(h.engine.remaining(Priority.LOW)).toBe(2);
      expect(h.settles).toEqual(['early!', 'a!']); // not yet members when they settled
    });

    it('should list, among those settled at the same ms, a root failure before what it failed', async () => {
      const h = buildEngine([
        { token: 'top', dependsOn: ['base'], load: () => 'top' },
        { token: 'base', load: () => Promise.reject(new Error('down')) },
      ]);
      await h.engine.demand(h.index('top'));
      expect(h.engine.markBootSet().settledEarly).toEqual([h.index('base'), h.index('top')]);
    });

    it('should leave a Skipped component out of the boot: not counted, not a member, not in its wave', () => {
      const h = buildEngine([
        { token: 'a', priority: Priority.HIGH, load: () => 'a' },
        { token: 'off', priority: Priority.HIGH, load: () => 'off' },
      ]);
      h.states.skip(h.index('off'), 0, 'disabled');
      expect(h.engine.markBootSet()).toEqual({ total: 1, settledEarly: [] });
      expect(h.engine.inBoot(h.index('off'))).toBe(false);
      expect(h.engine.inBoot(h.index('a'))).toBe(true);
      expect(h.engine.remaining(Priority.HIGH)).toBe(1);
    });
  });

  describe('queueBootSet', () => {
    it('should leave a member demanded before the boot in its on-demand place, and queue no deferred component', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine(
        [
          timed('busy', 10, starts, { priority: Priority.CRITICAL }),
          timed('other', 10, starts, { priority: Priority.CRITICAL }),
          timed('x', 10, starts, { priority: Priority.LOW, dependsOn: ['busy'] }),
          timed('lazy', 10, starts, { priority: Priority.DEFERRED }),
        ],
        { maxConcurrent: 1 },
      );
      const x = h.engine.demand(h.index('x')); // busy starts now, for x
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      await jest.advanceTimersByTimeAsync(30);
      await x;
      expect(starts).toEqual({ busy: 0, x: 10, other: 20 }); // x, released by busy, still goes ahead of the CRITICAL wave
      expect(all.done).toBe(true);
      await jest.advanceTimersByTimeAsync(100);
      expect(h.states.status[h.index('lazy')]).toBe(ComponentStatus.Pending);
      expect(h.settles).toEqual(['busy', 'x', 'other']);
    });

    it('should fail every member with the reason when the engine was stopped before (a boot after fail-fast), telling each once', () => {
      let ran = false;
      const h = buildEngine([
        { token: 'a', load: () => ((ran = true), 'a') },
        { token: 'b', dependsOn: ['a'], load: () => ((ran = true), 'b') },
        { token: 'lazy', priority: Priority.DEFERRED, load: () => ((ran = true), 'lazy') },
      ]);
      h.engine.markBootSet();
      const reason = new Error('fail-fast');
      h.engine.stop(reason);
      h.engine.queueBootSet();
      expect(ran).toBe(false);
      expect(h.states.error.slice(0, 2)).toEqual([reason, reason]);
      expect(h.states.status[h.index('lazy')]).toBe(ComponentStatus.Pending);
      expect(h.settles).toEqual(['a', 'b']);
    });
  });

  describe('waves', () => {
    it('should start a wave only once its stream is subscribed, dependencies first, and complete it when its last member settles', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([
        timed('c1', 100, starts, { priority: Priority.CRITICAL }),
        timed('c2', 50, starts, { priority: Priority.CRITICAL, dependsOn: ['c1'] }),
        timed('h1', 10, starts, { priority: Priority.HIGH }),
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      await jest.advanceTimersByTimeAsync(10);
      expect(starts).toEqual({}); // no wave open yet
      const critical = completion(h.engine.wave$(Priority.CRITICAL));
      expect(starts).toEqual({ c1: 10 });
      await jest.advanceTimersByTimeAsync(100);
      expect(starts).toEqual({ c1: 10, c2: 110 }); // when c1 settled
      expect(h.engine.remaining(Priority.CRITICAL)).toBe(1);
      expect(critical.done).toBe(false);
      await jest.advanceTimersByTimeAsync(50);
      expect(critical.done).toBe(true);
      expect(starts.h1).toBeUndefined(); // HIGH waits for its own wave$
      const high = completion(h.engine.wave$(Priority.HIGH));
      expect(starts.h1).toBe(160);
      await jest.advanceTimersByTimeAsync(10);
      expect(high.done).toBe(true);
      expect(h.settles).toEqual(['c1', 'c2', 'h1']);
    });

    it('should complete a wave at once when its members were all loaded on demand before it opened', async () => {
      const h = buildEngine([
        { token: 'c', priority: Priority.CRITICAL, load: after(10, 'c') },
        { token: 'h', priority: Priority.HIGH, load: after(10, 'h') },
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const demanded = h.engine.demand(h.index('h'));
      await jest.advanceTimersByTimeAsync(10);
      await demanded;
      expect(h.engine.remaining(Priority.HIGH)).toBe(0);
      expect(h.states.status[h.index('c')]).toBe(ComponentStatus.Pending); // its wave is not open
      expect(completion(h.engine.wave$(Priority.HIGH)).done).toBe(true);
      expect(h.settles).toEqual(['h']);
    });

    it('should complete a wave with no members at once', () => {
      const h = buildEngine([{ token: 'a', priority: Priority.HIGH, load: () => 'a' }]);
      h.engine.markBootSet();
      expect(completion(h.engine.wave$(Priority.CRITICAL)).done).toBe(true);
    });

    it('all$ should open every wave at once, urgent ones first, and complete when every member settled', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine(
        [timed('low', 10, starts, { priority: Priority.LOW }), timed('critical', 30, starts, { priority: Priority.CRITICAL }), timed('high', 20, starts, { priority: Priority.HIGH })],
        { maxConcurrent: 2 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      expect(starts).toEqual({ critical: 0, high: 0 });
      await jest.advanceTimersByTimeAsync(20);
      expect(starts.low).toBe(20);
      await jest.advanceTimersByTimeAsync(9);
      expect(all.done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(all.done).toBe(true);
    });

    it('all$ should complete at once when there is nothing to boot', () => {
      const h = buildEngine([{ token: 'lazy', priority: Priority.DEFERRED, load: () => 1 }]);
      expect(h.engine.markBootSet().total).toBe(0);
      expect(completion(h.engine.all$()).done).toBe(true);
    });
  });

  describe('a settle', () => {
    it('should release its dependents before the freed slot is handed out, so the most urgent ready one gets it', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine(
        [timed('a', 10, starts, { priority: Priority.CRITICAL }), timed('b', 10, starts, { priority: Priority.HIGH }), timed('c', 10, starts, { priority: Priority.CRITICAL, dependsOn: ['a'] })],
        { maxConcurrent: 1 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      await jest.advanceTimersByTimeAsync(30);
      expect(starts).toEqual({ a: 0, c: 10, b: 20 });
    });

    it('should release only its own dependents, and each once all its dependencies settled', async () => {
      const starts: Record<string, number> = {};
      // In the graph's edge lists a (no dependents) is followed by b, whose dependent is c.
      const h = buildEngine([
        timed('a', 10, starts),
        timed('b', 50, starts),
        timed('c', 10, starts, { dependsOn: ['b'] }),
        timed('both', 10, starts, { dependsOn: ['a', 'b'] }),
        timed('lazy', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['a'] }),
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      await jest.advanceTimersByTimeAsync(60);
      expect(starts).toEqual({ a: 0, b: 0, c: 50, both: 50 });
      expect(all.done).toBe(true);
      expect(h.states.status[h.index('lazy')]).toBe(ComponentStatus.Pending); // a dependent nobody wants
      expect(h.settles).toEqual(['a', 'b', 'c', 'both']);
    });

    it('should keep the failure of a loading component failed by its dependency (a restart that failed) when its own attempt ends', async () => {
      let healthy = true;
      const disposed: unknown[] = [];
      const h = buildEngine([
        { token: 'a', priority: Priority.DEFERRED, load: () => (healthy ? after(10, 'a')() : Promise.reject(new Error('a down'))) },
        { token: 'b', priority: Priority.DEFERRED, dependsOn: ['a'], load: after(50, 'b'), onShutdown: (i) => void disposed.push(i) },
      ]);
      const b = h.engine.demand(h.index('b'));
      await jest.advanceTimersByTimeAsync(20); // a ready, b loading since 10
      expect(h.states.status[h.index('b')]).toBe(ComponentStatus.Loading);
      healthy = false;
      await h.engine.reload([h.index('a')]);
      await b;
      expect(h.states.status[h.index('b')]).toBe(ComponentStatus.Failed);
      expect((h.states.error[h.index('b')] as PreheatError).path).toEqual(['b', 'a']);
      let idle = false;
      void h.engine.whenIdle().then(() => (idle = true));
      await jest.advanceTimersByTimeAsync(40); // b's own attempt ends
      expect(idle).toBe(true);
      expect(h.states.status[h.index('b')]).toBe(ComponentStatus.Failed);
      expect(h.states.instance[h.index('b')]).toBeUndefined();
      expect(h.settles).toEqual(['a!', 'a!', 'b!']);
      await jest.advanceTimersByTimeAsync(0);
      expect(disposed).toEqual(['b']); // the instance its attempt built is released, not leaked
    });

    it('should leave a dependent that already settled alone when its dependency reloads and fails', async () => {
      let healthy = true;
      const h = buildEngine([
        { token: 'a', priority: Priority.DEFERRED, load: () => (healthy ? 'a' : Promise.reject(new Error('a down'))) },
        { token: 'b', priority: Priority.DEFERRED, dependsOn: ['a'], load: () => 'b' },
      ]);
      await h.engine.demand(h.index('b'));
      healthy = false;
      await h.engine.reload([h.index('a')]);
      expect(h.states.status).toEqual([ComponentStatus.Failed, ComponentStatus.Ready]);
      expect(h.settles).toEqual(['a!', 'b!', 'a!']);
    });
  });

  describe('a failure', () => {
    it('should fail the required dependents (naming the path, carrying the root cause), tell the whole cascade first, then release optional dependents', async () => {
      const root = new Error('connection refused');
      const order: string[] = [];
      const h = buildEngine(
        [
          { token: 'base', load: () => (order.push('base'), Promise.reject(root)) },
          { token: 'mid', dependsOn: ['base'], load: () => (order.push('mid'), 'mid') },
          { token: 'top', dependsOn: ['mid'], load: () => (order.push('top'), 'top') },
          { token: 'soft', optionalDependsOn: ['base'], load: () => (order.push(`soft sees ${h.settles.join(',')}`), 'soft') },
        ],
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      await jest.advanceTimersByTimeAsync(0);
      await flush();
      expect(order).toEqual(['base', 'soft sees base,mid,top']);
      expect(h.states.status.slice(0, 4)).toEqual([ComponentStatus.Failed, ComponentStatus.Failed, ComponentStatus.Failed, ComponentStatus.Ready]);
      const top = h.states.error[h.index('top')] as PreheatError;
      expect(top).toBeInstanceOf(DependencyFailedError);
      expect(top.code).toBe(ErrorCode.DependencyFailed);
      expect(top.path).toEqual(['top', 'mid', 'base']);
      expect(top.cause).toBe(root); // the loader's own error, not its ComponentLoadError wrapper
      expect((h.states.error[h.index('mid')] as PreheatError).path).toEqual(['mid', 'base']);
    });

    it('should carry a root failure that is no ComponentLoadError (a timeout) itself as the cause', async () => {
      const h = buildEngine([
        { token: 'base', priority: Priority.DEFERRED, timeout: 10, load: after(50, 'late') },
        { token: 'top', priority: Priority.DEFERRED, dependsOn: ['base'], load: () => 'top' },
      ]);
      const top = h.engine.demand(h.index('top'));
      await jest.advanceTimersByTimeAsync(10);
      await top;
      const rootError = h.states.error[h.index('base')] as PreheatError;
      expect(rootError.code).toBe(ErrorCode.Timeout);
      expect((h.states.error[h.index('top')] as PreheatError).cause).toBe(rootError);
      await jest.advanceTimersByTimeAsync(50);
    });

    it('should hold the waves the cascade empties until all of it was heard', async () => {
      const h = buildEngine([
        { token: 'base', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('x')) },
        { token: 'dep', priority: Priority.CRITICAL, dependsOn: ['base'], load: () => 'dep' },
        { token: 'high', priority: Priority.HIGH, dependsOn: ['base'], load: () => 'high' },
      ], {
        onSettled: () => heard.push(`${h.engine.remaining(Priority.CRITICAL)} left, critical done: ${critical.done}`),
      });
      const heard: string[] = [];
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const critical = completion(h.engine.wave$(Priority.CRITICAL));
      await jest.advanceTimersByTimeAsync(0);
      // base, then dep empty the CRITICAL wave; high (HIGH) is heard before it completes.
      expect(heard).toEqual(['1 left, critical done: false', '0 left, critical done: false', '0 left, critical done: false']);
      expect(critical.done).toBe(true);
    });

    it('should elide a dependency path longer than 32 hops, and still name the root', async () => {
      const chain: ComponentDefinition[] = [{ token: 'n0', load: () => Promise.reject(new Error('root')) }];
      for (let i = 1; i < 40; i++) chain.push({ token: `n${i}`, dependsOn: [`n${i - 1}`], load: () => i });
      const h = buildEngine(chain);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      await jest.advanceTimersByTimeAsync(0);
      const path = (h.states.error[h.index('n39')] as PreheatError).path!;
      expect(path.slice(0, 33)).toEqual(Array.from({ length: 33 }, (_, k) => `n${39 - k}`));
      expect(path.slice(33)).toEqual(['…', 'n0']);
      const short = (h.states.error[h.index('n32')] as PreheatError).path!;
      expect(short).toEqual(Array.from({ length: 33 }, (_, k) => `n${32 - k}`)); // exactly 32 hops: nothing elided
    });

    it('should fail a component wanted after its required dependency already failed, without running it', async () => {
      let ran = false;
      const h = buildEngine([
        { token: 'base', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('no')) },
        { token: 'user', priority: Priority.DEFERRED, dependsOn: ['base'], load: () => ((ran = true), 'u') },
      ]);
      await h.engine.demand(h.index('base'));
      await h.engine.demand(h.index('user'));
      expect(ran).toBe(false);
      expect((h.states.error[h.index('user')] as PreheatError).path).toEqual(['user', 'base']);
    });
    it('should fail only its own dependents: the next component in the edge lists loads once its dependency is ready', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([
        { token: 'a', load: () => Promise.reject(new Error('a down')) },
        timed('b', 50, starts),
        timed('c', 10, starts, { dependsOn: ['b'] }),
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      await jest.advanceTimersByTimeAsync(60);
      expect(starts).toEqual({ b: 0, c: 50 });
      expect(h.states.status).toEqual([ComponentStatus.Failed, ComponentStatus.Ready, ComponentStatus.Ready]);
      expect(all.done).toBe(true);
    });

    it('should release an optional dependent only once its other dependencies settled too, and leave unwanted dependents alone', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([
        { token: 'base', load: () => Promise.reject(new Error('down')) },
        timed('slow', 30, starts),
        timed('soft', 10, starts, { optionalDependsOn: ['base'], dependsOn: ['slow'] }),
        timed('lazy', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['base'] }),
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      await jest.advanceTimersByTimeAsync(50);
      expect(starts).toEqual({ slow: 0, soft: 30 });
      expect(h.states.status[h.index('lazy')]).toBe(ComponentStatus.Pending); // nobody wants it: not failed
      expect(h.settles).toEqual(['base', 'slow', 'soft']);
    });

    it('should not complete the other waves when a failure empties its own', async () => {
      const h = buildEngine([
        { token: 'c', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('x')) },
        { token: 'h', priority: Priority.HIGH, load: after(50, 'h') },
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      await jest.advanceTimersByTimeAsync(10);
      expect(h.states.status[h.index('c')]).toBe(ComponentStatus.Failed);
      expect(all.done).toBe(false);
      await jest.advanceTimersByTimeAsync(40);
      expect(all.done).toBe(true);
    });

    it('should hold an emptied wave until the outer cascade was heard, when the listener stops the engine inside it (fail-fast)', async () => {
      const heard: string[] = [];
      const reason = new Error('fail-fast');
      const h = buildEngine(
        [
          { token: 'base', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('x')) },
          { token: 'dep', priority: Priority.CRITICAL, dependsOn: ['base'], load: () => 'dep' },
          { token: 'other', priority: Priority.CRITICAL, load: () => 'other' }, // queued behind base
          { token: 'high', priority: Priority.HIGH, dependsOn: ['base'], load: () => 'high' },
        ],
        {
          maxConcurrent: 1,
          onSettled: () => {
            const name = h.settles[h.settles.length - 1]!; // the harness recorded it first
            heard.push(`${name}: critical done ${critical.done}`);
            if (name === 'dep') h.engine.stop(reason);
          },
        },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const critical = completion(h.engine.wave$(Priority.CRITICAL));
      await jest.advanceTimersByTimeAsync(0);
      expect(h.states.error[h.index('other')]).toBe(reason);
      expect(heard).toEqual(['base: critical done false', 'dep: critical done false', 'other: critical done false', 'high: critical done false']);
      expect(critical.done).toBe(true);
    });

    it('should name the dependency that failed first, when a component wanted with it is reached by its cascade', async () => {
      const h = buildEngine([
        { token: 'f', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('f down')) },
        { token: 'x', priority: Priority.HIGH, dependsOn: ['f'], load: () => 'x' },
        { token: 'y', priority: Priority.HIGH, dependsOn: ['x', 'f'], load: () => 'y' },
      ]);
      await h.engine.demand(h.index('f'));
      h.engine.markBootSet();
      h.engine.queueBootSet(); // x and y together: x fails by f, y by x's cascade
      expect((h.states.error[h.index('x')] as PreheatError).path).toEqual(['x', 'f']);
      expect((h.states.error[h.index('y')] as PreheatError).path).toEqual(['y', 'x', 'f']);
      expect(h.settles).toEqual(['f!', 'x', 'y']);
    });

    it('should load a component wanted after its optional dependency failed and its required one loaded', async () => {
      const h = buildEngine([
        { token: 'ok', priority: Priority.DEFERRED, load: () => 'ok' },
        { token: 'bad', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('bad')) },
        { token: 'user', priority: Priority.DEFERRED, dependsOn: ['ok'], optionalDependsOn: ['bad'], load: () => 'user' },
      ]);
      await h.engine.demand(h.index('ok'));
      await h.engine.demand(h.index('bad'));
      await h.engine.demand(h.index('user'));
      expect(h.states.status[h.index('user')]).toBe(ComponentStatus.Ready);
      expect(h.settles).toEqual(['ok!', 'bad!', 'user!']);
    });
  });

  describe('demand', () => {
    it('should load a component and its unsettled dependencies now, ahead of the open waves and whatever their wave', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine(
        [
          timed('busy', 10, starts, { priority: Priority.CRITICAL }),
          timed('queued', 10, starts, { priority: Priority.CRITICAL }),
          timed('dep', 10, starts, { priority: Priority.LOW }),
          timed('lazy', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['dep'] }),
        ],
        { maxConcurrent: 1 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.wave$(Priority.CRITICAL), { defaultValue: undefined });
      const lazy = h.engine.demand(h.index('lazy'));
      await jest.advanceTimersByTimeAsync(30);
      await lazy;
      // The LOW wave is not open, yet dep loads on demand, before the queued CRITICAL one.
      expect(starts).toEqual({ busy: 0, dep: 10, lazy: 20, queued: 30 });
      expect(h.settles).toEqual(['busy', 'dep', 'lazy!']);
    });

    it('should move a boot member still waiting for its dependency to the on-demand bucket, so it starts first once released', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine(
        [timed('busy', 10, starts, { priority: Priority.CRITICAL }), timed('other', 10, starts, { priority: Priority.CRITICAL }), timed('x', 10, starts, { priority: Priority.CRITICAL, dependsOn: ['busy'] })],
        { maxConcurrent: 1 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.wave$(Priority.CRITICAL), { defaultValue: undefined });
      const x = h.engine.demand(h.index('x'));
      await jest.advanceTimersByTimeAsync(30);
      await x;
      expect(starts).toEqual({ busy: 0, x: 10, other: 20 });
    });

    it('should resolve at once for a settled component, and share the wait between callers', async () => {
      let loads = 0;
      const h = buildEngine([{ token: 'x', priority: Priority.DEFERRED, load: () => (loads++, after(10, 'x')()) }]);
      const first = h.engine.demand(0);
      const second = h.engine.demand(0);
      await jest.advanceTimersByTimeAsync(10);
      await Promise.all([first, second]);
      expect(loads).toBe(1);
      let resolved = false;
      void h.engine.demand(0).then(() => (resolved = true));
      await flush(2);
      expect(resolved).toBe(true);
    });

    it('should load only what the component needs: not the next component in the edge lists, nor what a Skipped dependency needs', async () => {
      const starts: Record<string, number> = {};
      // d1 and d2 come first, x needs d1, y (next in the edge lists) needs d2.
      const h = buildEngine([
        timed('d1', 10, starts, { priority: Priority.DEFERRED }),
        timed('d2', 10, starts, { priority: Priority.DEFERRED }),
        timed('x', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['d1'], optionalDependsOn: ['off'] }),
        timed('y', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['d2'] }),
        timed('off', 10, starts, { priority: Priority.DEFERRED, dependsOn: ['under'] }),
        timed('under', 10, starts, { priority: Priority.DEFERRED }),
      ]);
      h.states.skip(h.index('off'), Date.now(), 'disabled');
      let done = false;
      void h.engine.demand(h.index('x')).then(() => (done = true));
      await jest.advanceTimersByTimeAsync(50);
      expect(done).toBe(true);
      expect(starts).toEqual({ d1: 0, x: 10 });
      expect(h.settles).toEqual(['d1!', 'x!']);
    });

    it('should not start a boot member demanded while its dependency still loads before that dependency settled', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([timed('busy', 10, starts, { priority: Priority.CRITICAL }), timed('x', 10, starts, { priority: Priority.LOW, dependsOn: ['busy'] })]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.wave$(Priority.CRITICAL), { defaultValue: undefined });
      const x = h.engine.demand(h.index('x'));
      await jest.advanceTimersByTimeAsync(20);
      await x;
      expect(starts).toEqual({ busy: 0, x: 10 });
    });

    it('should load a member queued in its wave and demanded too only once', async () => {
      let loads = 0;
      const h = buildEngine(
        [
          { token: 'busy', priority: Priority.CRITICAL, load: after(10, 'busy') },
          { token: 'dep', priority: Priority.LOW, load: () => (loads++, after(10, 'dep')()) },
        ],
        { maxConcurrent: 1 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      const all = completion(h.engine.all$());
      const dep = h.engine.demand(h.index('dep')); // a second entry, on demand
      await jest.advanceTimersByTimeAsync(50);
      await dep;
      expect(all.done).toBe(true);
      expect(loads).toBe(1);
      expect(h.settles).toEqual(['busy', 'dep']);
    });

    it('after a stop should fail the whole closure with the reason, telling each once (a shared dependency, a Skipped one)', async () => {
      const h = buildEngine([
        { token: 'd', priority: Priority.DEFERRED, load: () => 'd' },
        { token: 'a', priority: Priority.DEFERRED, dependsOn: ['d'], load: () => 'a' },
        { token: 'b', priority: Priority.DEFERRED, dependsOn: ['d'], load: () => 'b' },
        { token: 'off', priority: Priority.DEFERRED, load: () => 'off' },
        { token: 'x', priority: Priority.DEFERRED, dependsOn: ['a', 'b'], optionalDependsOn: ['off'], load: () => 'x' },
      ]);
      h.states.skip(h.index('off'), Date.now(), 'disabled');
      const reason = new Error('shut down');
      h.engine.stop(reason);
      await h.engine.demand(h.index('x'));
      for (const t of ['d', 'a', 'b', 'x']) expect(h.states.error[h.index(t)]).toBe(reason);
      expect(h.states.status[h.index('off')]).toBe(ComponentStatus.Skipped);
      expect([...h.settles].sort()).toEqual(['a!', 'b!', 'd!', 'x!']);
    });
  });

  describe('stop', () => {
    it('should fail every wanted component that has not started with the reason, start nothing more, and let the running ones finish', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([timed('running', 50, starts), timed('queued', 10, starts), timed('dependent', 10, starts, { dependsOn: ['running'] })], { maxConcurrent: 1 });
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      const reason = new Error('shutting down');
      h.engine.stop(reason);
      expect(h.states.status[h.index('queued')]).toBe(ComponentStatus.Failed);
      expect(h.states.error[h.index('queued')]).toBe(reason);
      expect(h.states.error[h.index('dependent')]).toBe(reason); // the cancellation, not its dependency
      expect(h.states.status[h.index('running')]).toBe(ComponentStatus.Loading);
      let idle = false;
      void h.engine.whenIdle().then(() => (idle = true));
      await jest.advanceTimersByTimeAsync(49);
      expect(idle).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(idle).toBe(true);
      expect(starts).toEqual({ running: 0 });
      expect(h.states.status[h.index('running')]).toBe(ComponentStatus.Ready);
    });

    it('should fail what is wanted after the stop at once, with the reason', async () => {
      let ran = false;
      const h = buildEngine([{ token: 'x', priority: Priority.DEFERRED, load: () => ((ran = true), 1) }]);
      const reason = new Error('stopped');
      h.engine.stop(reason);
      await h.engine.demand(0);
      expect(ran).toBe(false);
      expect(h.states.error[0]).toBe(reason);
      expect(h.settles).toEqual(['x!']);
    });

    it('whenIdle should resolve at once when nothing runs', async () => {
      const h = buildEngine([{ token: 'x', load: () => 1 }]);
      let idle = false;
      void h.engine.whenIdle().then(() => (idle = true));
      await flush(2);
      expect(idle).toBe(true);
    });

    it('should leave the components nobody wanted pending', () => {
      const h = buildEngine([
        { token: 'a', load: after(10, 'a') },
        { token: 'lazy', priority: Priority.DEFERRED, load: () => 'lazy' },
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      h.engine.stop(new Error('stop'));
      expect(h.states.status).toEqual([ComponentStatus.Failed, ComponentStatus.Pending]);
      expect(h.settles).toEqual(['a']);
    });

    it('whenIdle should wait for the last running load, not the first, and work again after', async () => {
      const h = buildEngine(
        [
          { token: 'p', load: after(10, 'p') },
          { token: 'q', load: after(30, 'q') },
          { token: 'lazy', priority: Priority.DEFERRED, load: after(10, 'lazy') },
        ],
        { maxConcurrent: 2 },
      );
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      let idle = 0;
      void h.engine.whenIdle().then(() => idle++);
      await jest.advanceTimersByTimeAsync(10);
      expect(h.states.status[h.index('p')]).toBe(ComponentStatus.Ready);
      expect(idle).toBe(0); // q still runs
      await jest.advanceTimersByTimeAsync(20);
      expect(idle).toBe(1);
      void h.engine.demand(h.index('lazy'));
      void h.engine.whenIdle().then(() => idle++);
      await jest.advanceTimersByTimeAsync(9);
      expect(idle).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(idle).toBe(2);
    });
  });

  describe('reload', () => {
    it('should load components again as fresh instances, dependencies first, forgetting how they failed', async () => {
      let healthy = false;
      const h = buildEngine([
        { token: 'db', priority: Priority.DEFERRED, load: () => (healthy ? { db: true } : Promise.reject(new Error('down'))) },
        { token: 'api', priority: Priority.DEFERRED, dependsOn: ['db'], load: () => ({ api: true }) },
      ]);
      await h.engine.demand(h.index('api'));
      expect(h.states.status).toEqual([ComponentStatus.Failed, ComponentStatus.Failed]);
      healthy = true;
      const statuses: ComponentStatus[][] = [];
      const reloading = h.engine.reload([h.index('db'), h.index('api')]);
      statuses.push([...h.states.status]);
      await reloading;
      expect(statuses[0]![1]).not.toBe(ComponentStatus.Failed); // reset before anything loads
      expect(h.states.status).toEqual([ComponentStatus.Ready, ComponentStatus.Ready]);
      expect(h.states.instance).toEqual([{ db: true }, { api: true }]);
      expect(h.states.error).toEqual([undefined, undefined]);
    });

    it('should forget that a component failed by its dependency, so what it fails itself afterwards names it as the root', async () => {
      let round = 1;
      const h = buildEngine([
        { token: 'base', priority: Priority.DEFERRED, load: () => (round === 1 ? Promise.reject(new Error('base down')) : 'base') },
        { token: 'mid', priority: Priority.DEFERRED, dependsOn: ['base'], load: () => Promise.reject(new Error('mid down')) },
        { token: 'top', priority: Priority.DEFERRED, dependsOn: ['mid'], load: () => 'top' },
      ]);
      await h.engine.demand(h.index('top'));
      expect((h.states.error[h.index('top')] as PreheatError).path).toEqual(['top', 'mid', 'base']);
      round = 2;
      await h.engine.reload([h.index('base'), h.index('mid'), h.index('top')]);
      expect(h.states.status).toEqual([ComponentStatus.Ready, ComponentStatus.Failed, ComponentStatus.Failed]);
      const top = h.states.error[h.index('top')] as PreheatError;
      expect(top.path).toEqual(['top', 'mid']);
      expect((top.cause as Error).message).toBe('mid down');
    });
  });

  describe('release', () => {
    it('should make a component cold: no longer a member, loaded anew by the next demand, and a root of its own failures', async () => {
      let healthy = true;
      const h = buildEngine([
        { token: 'a', load: () => (healthy ? 'a' : Promise.reject(new Error('a down'))) },
        { token: 'b', dependsOn: ['a'], load: () => 'b' },
      ]);
      h.engine.markBootSet();
      h.engine.queueBootSet();
      await lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      expect(h.states.status).toEqual([ComponentStatus.Ready, ComponentStatus.Ready]);
      h.engine.release(h.index('a'));
      h.engine.release(h.index('b'));
      expect(h.states.status).toEqual([ComponentStatus.Pending, ComponentStatus.Pending]);
      expect(h.engine.inBoot(h.index('a'))).toBe(false);
      healthy = false;
      await h.engine.demand(h.index('b'));
      const b = h.states.error[h.index('b')] as PreheatError;
      expect(b.path).toEqual(['b', 'a']);
      expect((b.cause as Error).message).toBe('a down');
      expect(h.settles).toEqual(['a', 'b', 'a!', 'b!']);
    });
  });

  describe('a memory budget', () => {
    it('should warn about a component bigger than the budget, naming both figures, and load it alone', async () => {
      const starts: Record<string, number> = {};
      const h = buildEngine([timed('big', 10, starts, { memoryMb: 500 }), timed('small', 10, starts, { memoryMb: 10 })], { memoryBudgetMb: 100 });
      h.engine.markBootSet();
      h.engine.queueBootSet();
      void lastValueFrom(h.engine.all$(), { defaultValue: undefined });
      await jest.advanceTimersByTimeAsync(20);
      expect(starts).toEqual({ big: 0, small: 10 });
      const warnings = h.events.filter((e) => e.type === 'warning');
      expect(warnings.map((e) => [e.name, e.message])).toEqual([['big', 'estimated 500 MB exceeds memoryBudgetMb 100: loading it alone']]);
    });
  });
});
