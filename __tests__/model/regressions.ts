import { expect } from '@jest/globals';
import { Priority } from '../../src/index.js';
import type { Logged } from './RunLog.js';
import type { Behaviour, ComponentPlan, Edge, Scenario } from './Scenario.js';

const { CRITICAL, HIGH, MEDIUM, DEFERRED } = Priority;
const resolve = (ms: number): Behaviour => ({ kind: 'resolve', ms });
const reject = (ms: number): Behaviour => ({ kind: 'reject', ms });
const on = (c: number, optional = false): Edge => ({ on: c, optional });

function loader(c: number, priority: Priority, attempts: Behaviour[], more: Partial<ComponentPlan> = {}): ComponentPlan {
  return { name: `c${c}`, kind: 'loader', priority, deps: [], attempts, ...more };
}

type Log = readonly Logged[];
const find = <K extends Logged['k']>(log: Log, k: K, match: (e: Extract<Logged, { k: K }>) => boolean = () => true): Extract<Logged, { k: K }> | undefined =>
  log.find((e): e is Extract<Logged, { k: K }> => e.k === k && match(e as Extract<Logged, { k: K }>));
const bootEnd = (log: Log): Extract<Logged, { k: 'boot-end' }> => find(log, 'boot-end')!;
const failedWith = (log: Log, c: number): Extract<Logged, { k: 'status' }> | undefined => find(log, 'status', (e) => e.c === c && e.to === 'failed');

/** A bug the model found in an earlier core, fixed since: its smallest scenario and what must hold. */
export interface Regression {
  /** The letter it was reported under. */
  readonly bug: string;
  readonly title: string;
  readonly scenario: Scenario;
  /** The correct behaviour, asserted on the run's log (besides the whole model agreeing). */
  readonly holds: (log: Log) => void;
}

/**
 * The smallest scenario found for each bug the model found and the lead fixed (shrunk by fast-check,
 * then by hand), with what used to happen. Each one is a regression test in bootModel.test.ts.
 */
export const regressions: readonly Regression[] = [
  {
    bug: 'a',
    // c0 (in its health check at 10 ms) is cancelled, then boot() rejects. It used to settle with
    // c0 still loading: the MEDIUM wave completed twice (c1's settle, and c2 settled by the
    // fail-fast stop inside it), so the eager wave counter reached 0 early.
    title: 'eager + failFast: boot() settles only once a CRITICAL component in its health check was cancelled',
    scenario: {
      options: { schedule: 'eager', failFast: true, random: 0 },
      components: [
        loader(0, CRITICAL, [resolve(5)], { health: [{ kind: 'true', ms: 100 }] }),
        loader(1, MEDIUM, [reject(10)]),
        loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] }),
      ],
      actions: [],
    },
    holds: (log) => {
      const c0 = failedWith(log, 0);
      expect(c0?.error?.code).toBe('PREHEAT_BOOT_CANCELLED');
      expect(bootEnd(log).pos).toBeGreaterThan(c0!.pos);
      expect(bootEnd(log).error?.code).toBe('PREHEAT_BOOT_FAILED');
    },
  },
  {
    bug: 'b',
    // c1 (required) fails by its dependency at 5 ms, fail-fast fires, nothing more starts. c2,
    // released by the same settle of c0, used to start and have its loader called.
    title: 'failFast: a sibling released by the same settle does not start once a required dependent failed by its dependency',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [
        loader(0, MEDIUM, [reject(5)], { required: false }),
        loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] }),
        loader(2, MEDIUM, [resolve(1)], { deps: [on(0, true)] }),
      ],
      actions: [],
    },
    holds: (log) => {
      expect(failedWith(log, 1)?.error?.code).toBe('PREHEAT_DEPENDENCY_FAILED');
      expect(find(log, 'load', (e) => e.c === 2)).toBeUndefined();
      expect(failedWith(log, 2)?.error?.code).toBe('PREHEAT_BOOT_CANCELLED');
    },
  },
  {
    bug: 'c',
    // boot() resolves: c1 is DEFERRED, not in the boot set, and only getAsync rejects. boot()
    // used to reject with a BootError listing c1.
    title: 'a required DEFERRED component that fails on demand during the boot does not fail the boot',
    scenario: {
      options: { random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)]), loader(1, DEFERRED, [reject(5)])],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
    holds: (log) => {
      expect(bootEnd(log).ok).toBe(true);
      expect(find(log, 'get-async-end')?.error?.code).toBe('PREHEAT_NOT_READY');
    },
  },
  {
    bug: 'c',
    // c0 loads on: the boot set has no failure. c1's failure on demand used to fire fail-fast,
    // cancel c0 and reject boot().
    title: 'failFast: a required DEFERRED component that fails on demand does not cancel the boot',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)]), loader(1, DEFERRED, [reject(5)])],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
    holds: (log) => {
      expect(find(log, 'status', (e) => e.c === 0 && e.to === 'ready')).toBeDefined();
      expect(bootEnd(log).ok).toBe(true);
    },
  },
  {
    bug: 'e',
    // booting → failed → stopping → stopped. It used to go booting → critical-ready → failed:
    // after fail-fast cancelled c0 (optional, CRITICAL), the CRITICAL wave counted as settled with
    // no required failure, so acceptingRequests was true for a moment on a boot that had failed.
    title: 'failFast: the phase never becomes critical-ready after fail-fast cancelled the boot',
    scenario: {
      options: { schedule: 'eager', failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)], { required: false }), loader(1, HIGH, [reject(5)])],
      actions: [],
    },
    holds: (log) => {
      expect(log.filter((e) => e.k === 'phase').map((e) => e.phase)).toEqual(['idle', 'booting', 'failed', 'stopping', 'stopped']);
    },
  },
  {
    bug: 'f',
    // The report boot() resolved with at 10 ms keeps c1 at 1 attempt. Its attemptHistory used to
    // be the live array, and c1's second attempt (at 25 ms) was appended to it.
    title: 'the report boot() gave does not grow while an on-demand load retries',
    scenario: {
      options: { random: 0 },
      components: [loader(0, CRITICAL, [resolve(10)]), loader(1, DEFERRED, [reject(5), resolve(1)], { retries: 1, backoff: { delay: 20 } })],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
    holds: (log) => {
      expect(find(log, 'report-drift')).toBeUndefined();
      expect(bootEnd(log).report?.components['c1']?.attemptHistory).toHaveLength(1);
      expect(find(log, 'status', (e) => e.c === 1 && e.to === 'ready')).toBeDefined();
    },
  },
  {
    bug: 'g',
    // progress$ never counts a boot member twice: c1, failed by its dependency (failed on demand
    // before boot()) while boot() plans, used to be counted twice (3/3 with c2 still loading, 4/3).
    title: 'progress$ counts once a boot member that boot() fails by a dependency that failed on demand before it',
    scenario: {
      options: { random: 0 },
      components: [loader(0, CRITICAL, [reject(1)], { required: false }), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)], required: false }), loader(2, MEDIUM, [resolve(50)])],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
    holds: (log) => expect(bootEnd(log).ok).toBe(true),
  },
  {
    bug: 'g',
    // The members fail-fast cancels as boot() starts are counted once (it used to reach 5/3).
    title: 'failFast: progress$ counts once the boot members cancelled by boot() for a failure on demand before it',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(50)]), loader(2, MEDIUM, [resolve(50)])],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
    holds: (log) => expect(failedWith(log, 1)?.error?.code).toBe('PREHEAT_BOOT_CANCELLED'),
  },
  {
    bug: 'h',
    // A failure settles with its whole cascade, then fail-fast fires: c1 and c2, both failed by
    // c0, get DependencyFailedError (whether c0 is required or not; it used to depend on that).
    title: 'failFast: siblings failed by the same dependency as the trigger fail by dependency, like the trigger',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(5)], { required: false }), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] }), loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [],
    },
    holds: (log) => {
      expect(failedWith(log, 1)?.error?.code).toBe('PREHEAT_DEPENDENCY_FAILED');
      expect(failedWith(log, 2)?.error?.code).toBe('PREHEAT_DEPENDENCY_FAILED');
    },
  },
  {
    bug: 'h',
    // The cascade settles the CRITICAL wave (c0, c1 optional) before it reaches the required c2
    // that fires fail-fast: critical-ready, then failed.
    title: 'failFast: critical-ready comes when the cascade that fires fail-fast settles the CRITICAL wave first',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [reject(5)], { required: false }), loader(1, CRITICAL, [resolve(1)], { deps: [on(0)], required: false }), loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [],
    },
    holds: (log) => expect(log.filter((e) => e.k === 'phase').map((e) => (e as { phase?: string }).phase)).toContain('critical-ready'),
  },
  {
    bug: 'i',
    // boot() under failFast after a required member failed on demand cancels at once: c1, which had
    // not started, fails with the cancellation (it used to fail by dependency while boot() planned).
    title: 'failFast: boot() after a required boot member failed on demand cancels its dependents',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
    holds: (log) => expect(failedWith(log, 1)?.error?.code).toBe('PREHEAT_BOOT_CANCELLED'),
  },
  {
    bug: 'j',
    // The cancellation names the component that failed first (c0, on demand), not the first
    // registered (c1, failed by c0 in the same moment).
    title: 'failFast: boot() after two boot members failed on demand names the one that failed first',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
      bootAt: 5,
      registration: [1, 0],
    },
    holds: (log) => expect(bootEnd(log).error?.cause?.cause?.code).toBe('PREHEAT_LOAD_FAILED'), // c0's own failure, not c1's DependencyFailedError
  },
];
