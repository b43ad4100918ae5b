import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { AttemptAbort } from '../run/AttemptAbort.js';
import type { Clock } from '../run/Clock.js';
import { withDeadline } from '../run/Deadline.js';
import { disposeHookOf } from '../run/instanceHooks.js';
import type { ComponentShutdown } from './ShutdownReport.js';

/** What {@link stopInOrder} needs. */
export interface StopOrderParts {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  /** Undefined before the plan: then nothing orders the stops. */
  readonly graph: DependencyGraph | undefined;
  readonly clock: Clock;
  /** The Warmup's default; a component's own `shutdownTimeout` wins. */
  readonly shutdownTimeout: number;
}

/**
 * Runs the shutdown hooks of `members` (by index; all when undefined) in reverse dependency order: a
 * component stops once every member that depends on it has stopped; independent ones stop in
 * parallel. Each gets its shutdown timeout; a hook that throws or hangs is reported through `done`
 * and the rest still stop. `done` is called once per member, as its hooks end; what it throws is
 * reported as a failure of that member, and never holds the others up. Counter-based like the
 * boot, so it is O(V + E) and never recursive. Resolves when every member is done.
 */
export function stopInOrder(parts: StopOrderParts, members: ReadonlySet<number> | undefined, done: (index: number, entry: ComponentShutdown) => void): Promise<void> {
  const { specs, states, graph, clock } = parts;
  const size = specs.length;
  const member = (i: number): boolean => members === undefined || members.has(i);
  const inGraph = (i: number): boolean => graph !== undefined && i < graph.size;
  const blockers = new Int32Array(size);
  let remaining = 0;
  for (let i = 0; i < size; i++) {
    if (!member(i)) continue;
    remaining++;
    if (!inGraph(i)) continue;
    for (let e = graph!.dependentStart[i]!, end = graph!.dependentStart[i + 1]!; e < end; e++) if (member(graph!.dependentList[e]!)) blockers[i]!++;
  }
  return new Promise<void>((resolve) => {
    if (remaining === 0) {
      resolve();
      return;
    }
    const ready: number[] = [];
    let draining = false;
    const finish = (index: number, entry: ComponentShutdown): void => {
      try {
        done(index, entry);
      } catch (error) {
        // Bookkeeping failed (e.g. the container refused a rebind): report it, never hang.
        done(index, { ...entry, outcome: 'failed', error: describeError(error) });
      }
      remaining--;
      if (inGraph(index)) {
        for (let e = graph!.depStart[index]!, end = graph!.depStart[index + 1]!; e < end; e++) {
          const dep = graph!.depList[e]!;
          if (member(dep) && --blockers[dep]! === 0) ready.push(dep);
        }
      }
    };
    // A queue, not recursion: a 100,000-long chain of hookless components must not overflow.
    const drain = (): void => {
      if (draining) return;
      draining = true;
      while (ready.length > 0) stop(ready.pop()!);
      draining = false;
      if (remaining === 0) resolve();
    };
    const stop = (index: number): void => {
      const spec = specs[index]!;
      const instance = states.instance[index];
      const usable = isUsable(states.status[index]!);
      const hook = usable ? disposeHookOf(spec, instance) : undefined;
      if (hook === undefined) {
        finish(index, { name: spec.name, outcome: usable ? 'stopped' : 'skipped', durationMs: 0 });
        return;
      }
      const startedAt = clock.now();
      const timeout = spec.shutdownTimeout ?? parts.shutdownTimeout;
      let race: AttemptAbort | undefined;
      void withDeadline(clock, (abort) => ((race = abort), hook(instance)), {
        ms: timeout,
        onTimeout: () => new ComponentTimeoutError(spec.name, timeout, 'shutdown'),
      })
        .then(
          (): ComponentShutdown => ({ name: spec.name, outcome: 'stopped', durationMs: clock.now() - startedAt }),
          (error: unknown): ComponentShutdown => ({
            name: spec.name,
            outcome: race?.aborted === true ? 'timeout' : 'failed',
            durationMs: clock.now() - startedAt,
            error: describeError(error),
          }),
        )
        .then((entry) => {
          finish(index, entry);
          drain();
        });
    };
    for (let i = 0; i < size; i++) if (member(i) && blockers[i] === 0) ready.push(i);
    drain();
  });
}
