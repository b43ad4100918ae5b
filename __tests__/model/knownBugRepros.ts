import { Priority } from '../../src/index.js';
import type { KnownBug } from './knownBugs.js';
import type { Behaviour, ComponentPlan, Edge, Scenario } from './Scenario.js';

const { CRITICAL, MEDIUM } = Priority;
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
    bug: 'g',
    // Expected: progress$ ends at 3/3 when c2 settles (50 ms), and settled never passes total.
    // Actual: 0/0, 1/0 (c1 fails by its dependency while boot() plans, before total is set), 2/3,
    // 3/3 with c2 still loading, then 4/3: c1 is counted twice.
    title: 'progress$ counts twice a boot member that boot() fails by a dependency that failed on demand before it',
    scenario: {
      options: { random: 0 },
      components: [
        loader(0, CRITICAL, [reject(1)], { required: false }),
        loader(1, MEDIUM, [resolve(1)], { deps: [on(0)], required: false }),
        loader(2, MEDIUM, [resolve(50)]),
      ],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
  },
  {
    bug: 'g',
    // Expected: progress$ 1/3 (c0), 3/3 once fail-fast cancelled c1 and c2 at boot(). Actual: it
    // goes on to 4/3 and 5/3: the cancelled ones are counted twice.
    title: 'failFast: progress$ counts twice the boot members cancelled by boot() for a failure on demand before it',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(50)]), loader(2, MEDIUM, [resolve(50)])],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
  },
  {
    bug: 'h',
    // Expected (the lead's rule): c1's DependencyFailedError at 5 ms is the first required
    // failure, fail-fast cancels the boot, and c2, which had not started, fails with the
    // cancellation. Actual: c2 fails with DependencyFailedError too. With c0 required, both c1 and
    // c2 get the cancellation.
    title: 'failFast: a sibling failed by the same optional dependency as the trigger gets DependencyFailedError, not the cancellation',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(5)], { required: false }), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] }), loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [],
    },
  },
  {
    bug: 'h',
    // The same cascade seen through the phase. Expected: c0's failure fails c1 (optional, CRITICAL)
    // by dependency, which settles the CRITICAL wave: critical-ready; then c2 (required) by
    // dependency, which fires fail-fast: failed. Actual: booting → failed, no critical-ready. Right
    // if a failure and its whole propagation are one step, but then (h) above is right too.
    title: 'failFast: critical-ready is skipped when the cascade that fires fail-fast settles the CRITICAL wave first',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, CRITICAL, [reject(5)], { required: false }), loader(1, CRITICAL, [resolve(1)], { deps: [on(0)], required: false }), loader(2, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [],
    },
  },
  {
    bug: 'i',
    // Expected (the lead's rule): c0, a boot member, failed on demand before boot(); boot() under
    // failFast cancels at once, so c1, which had not started, fails with the cancellation.
    // Actual: c1 fails with DependencyFailedError while boot() plans, then the boot is cancelled.
    title: 'failFast: boot() after a required boot member failed on demand fails its dependents by dependency, not with the cancellation',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [{ kind: 'getAsync', at: 0, target: 0 }],
      bootAt: 5,
    },
  },
  {
    bug: 'j',
    // Expected: c0 failed first (1 ms, on demand), c1 by it; boot() under failFast cancels with
    // c0's error as the cause ("the required component that failed first"). Actual: the cause is
    // c1's DependencyFailedError, because c1 was registered first.
    title: 'failFast: boot() after two boot members failed on demand names the first registered, not the first failed',
    scenario: {
      options: { failFast: true, random: 0 },
      components: [loader(0, MEDIUM, [reject(1)]), loader(1, MEDIUM, [resolve(1)], { deps: [on(0)] })],
      actions: [{ kind: 'getAsync', at: 0, target: 1 }],
      bootAt: 5,
      registration: [1, 0],
    },
  },
];
