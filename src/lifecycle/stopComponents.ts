import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { callSafely } from '../run/callSafely.js';
import type { Clock } from '../run/Clock.js';
import { disposeHookOf } from '../run/componentHooks.js';
import { withTimeout } from '../run/withTimeout.js';
import { AttemptAbort } from '../run/AttemptAbort.js';
import type { ComponentShutdown, ShutdownReport } from './ShutdownReport.js';

/** What {@link stopComponents} needs. */
export interface StopContext {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly graph: DependencyGraph | undefined;
  readonly clock: Clock;
  readonly shutdownTimeout: number;
  /** Called as each component's hooks end (status change, binding reset). */
  readonly onStopped: (index: number) => void;
}

/** What {@link stopComponents} resolves with: the per-component part of a ShutdownReport. */
export type StopResult = Pick<ShutdownReport, 'components' | 'stopped' | 'failed'>;

/**
 * Runs shutdown hooks in reverse dependency order: a component stops once everything that depends
 * on it has stopped; independent components stop in parallel. Each component's hooks get
 * `shutdownTimeout`; a hook that throws or hangs is recorded and the rest still stop. Counter-based
 * like the boot, so it is O(V + E) and never recursive.
 */
export function stopComponents(ctx: StopContext): Promise<StopResult> {
  const { specs, graph, states } = ctx;
  const size = specs.length;
  const blockers = new Int32Array(size);
  const inGraph = (i: number): boolean => graph !== undefined && i < graph.size;
  for (let i = 0; i < size; i++) {
    blockers[i] = inGraph(i) ? graph!.dependentStart[i + 1]! - graph!.dependentStart[i]! : 0;
  }
  const result: StopResult = { components: {}, stopped: [], failed: [] };
  const record = (index: number, entry: ComponentShutdown): void => {
    result.components[entry.name] = entry;
    if (entry.outcome === 'stopped') result.stopped.push(entry.name);
    if (entry.outcome === 'failed' || entry.outcome === 'timeout') result.failed.push(entry.name);
    ctx.onStopped(index);
  };
  return new Promise<StopResult>((resolve) => {
    let remaining = size;
    const ready: number[] = [];
    let draining = false;
    const release = (index: number): void => {
      remaining--;
      if (!inGraph(index)) return;
      for (let e = graph!.depStart[index]!, end = graph!.depStart[index + 1]!; e < end; e++) {
        const dep = graph!.depList[e]!;
        if (--blockers[dep]! === 0) ready.push(dep);
      }
    };
    // A queue, not recursion: a 100,000-long chain of hookless components must not overflow.
    const drain = (): void => {
      if (draining) return;
      draining = true;
      while (ready.length > 0) {
        const index = ready.pop()!;
        if (!stop(index)) release(index);
      }
      draining = false;
      if (remaining === 0) resolve(result);
    };
    /** Starts the hooks; false when there are none (the caller releases at once). */
    const stop = (index: number): boolean => {
      const spec = specs[index]!;
      const instance = states.instance[index];
      const usable = isUsable(states.status[index]!);
      const hook = usable ? disposeHookOf(spec, instance) : undefined;
      if (hook === undefined) {
        record(index, { name: spec.name, outcome: usable ? 'stopped' : 'skipped', durationMs: 0 });
        return false;
      }
      const startedAt = ctx.clock.now();
      const timeout = spec.shutdownTimeout ?? ctx.shutdownTimeout;
      const abort = new AttemptAbort();
      void withTimeout(ctx.clock, callSafely(() => hook(instance)), {
        each: timeout,
        abort,
        onTimeout: () => new ComponentTimeoutError(spec.name, timeout, 'shutdown'),
      })
        .then(
          (): ComponentShutdown => ({ name: spec.name, outcome: 'stopped', durationMs: ctx.clock.now() - startedAt }),
          (error: unknown): ComponentShutdown => ({
            name: spec.name,
            outcome: abort.aborted && error === abort.reason ? 'timeout' : 'failed',
            durationMs: ctx.clock.now() - startedAt,
            error: describeError(error),
          }),
        )
        .then((entry) => {
          try {
            record(index, entry);
          } catch (error) {
            // Bookkeeping failed (e.g. the container refused a rebind): report it, never hang.
            result.failed.push(entry.name);
            result.components[entry.name] = { ...entry, outcome: 'failed', error: describeError(error) };
          } finally {
            // Whatever the bookkeeping does, the components this one was blocking still stop.
            release(index);
            drain();
          }
        });
      return true;
    };
    for (let i = 0; i < size; i++) if (blockers[i] === 0) ready.push(i);
    drain();
  });
}
