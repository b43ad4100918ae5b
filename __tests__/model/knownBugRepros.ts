import { Priority } from '../../src/index.js';
import type { KnownBug } from './knownBugs.js';
import type { Behaviour, ComponentPlan, Edge, Scenario } from './Scenario.js';

const { CRITICAL, HIGH, MEDIUM, DEFERRED } = Priority;
const resolve = (ms: number): Behaviour => ({ kind: 'resolve', ms });
const reject = (ms: number): Behaviour => ({ kind: 'reject', ms });
const on = (c: number, optional = false): Edge => ({ on: c, optional });

function loader(c: number, priority: Priority, attempts: Behaviour[], more: Partial<ComponentPlan> = {}): ComponentPlan {
  return { name: `c${c}`, kind: 'loader', priority, deps: [], attempts, ...more };
}

/**
 * The smallest scenario found for each known bug (shrunk by fast-check, then by hand), with what
 * the docs expect and what happens. Each one is an `it.failing` in bootModel.test.ts.
 */
export const knownBugRepros: readonly { readonly bug: KnownBug; readonly title: string; readonly scenario: Scenario }[] = [
  {
    bug: 'a',
    // Expected: c0 (in its health check at 10 ms) is cancelled, then boot() rejects. Actual: the
    // MEDIUM wave completes twice (c1's settle, and c2 settled by the fail-fast stop inside it),
    // the eager wave counter reaches 0 and the report is built with c0 still loading.
    title: 'eager + failFast: boot() settles while a CRITICAL component is still in its health check',
    scenario: {
      options: { schedule: 'eager', failFast: true, random: 0 },
      components: [
        loader(0, CRITICAL, [resolve(5)], { health: [{ kind: 'true', ms: 100 }] }),
        loader(1, MEDIUM, [reject(10)]),
        loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] }),
      ],
      actions: [],
    },
  },
  {
    bug: 'b',
    // Expected: c1 (required) fails by its dependency at 5 ms, fail-fast fires, nothing starts.
    // Actual: c2, released by the same settle of c0, starts and its loader is called.
    title: 'failFast: a sibling released by the same settle starts after a required dependent failed by its dependency',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [
        loader(0, MEDIUM, [reject(5)], { required: false }),
        loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] }),
        loader(2, MEDIUM, [resolve(1)], { deps: [on(0, true)] }),
      ],
      actions: [],
    },
  },
  {
    bug: 'c',
    // Expected: boot() resolves (c1 is DEFERRED, not in the boot set; getAsync rejects). Actual:
    // boot() rejects with BootError listing c1.
    title: 'a required DEFERRED component that fails on demand during the boot fails the boot',
    scenario: {
      options: { random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)]), loader(1, DEFERRED, [reject(5)])],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
  },
  {
    bug: 'c',
    // Expected: c0 loads on (the boot set has no failure). Actual: c1's failure on demand fires
    // fail-fast, c0 is cancelled and boot() rejects.
    title: 'failFast: a required DEFERRED component that fails on demand cancels the boot',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)]), loader(1, DEFERRED, [reject(5)])],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
  },
  {
    bug: 'e',
    // Expected: booting → failed → stopping → stopped. Actual: booting → critical-ready → failed:
    // after fail-fast cancelled c0 (optional, CRITICAL), the CRITICAL wave counts as settled with no
    // required failure, so acceptingRequests is true for a moment on a boot that already failed.
    title: 'failFast: the phase goes through critical-ready after fail-fast cancelled the boot',
    scenario: {
      options: { schedule: 'eager', failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [resolve(50)], { required: false }), loader(1, HIGH, [reject(5)])],
      actions: [],
    },
  },
  {
    bug: 'f',
    // Expected: the report boot() resolved with at 10 ms keeps c1 at 1 attempt. Actual: its
    // attemptHistory is the live array, and c1's second attempt (25 ms) is appended to it.
    title: 'the report boot() gave keeps growing while an on-demand load retries',
    scenario: {
      options: { random: 0 },
      components: [loader(0, CRITICAL, [resolve(10)]), loader(1, DEFERRED, [reject(5), resolve(1)], { retries: 1, retryDelay: 20 })],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
    },
  },
];
