import type { ShutdownConfig } from './ShutdownConfig.js';
import type { ShutdownReport } from './ShutdownReport.js';
import { stopInOrder } from './stopInOrder.js';

/** What {@link stopComponents} resolves with: the per-component part of a ShutdownReport. */
export type StopResult = Pick<ShutdownReport, 'components' | 'stopped' | 'failed'>;

/**
 * The shutdown's step 5: every component's hooks, dependents first ({@link stopInOrder}). As each
 * one ends, its status becomes Stopped (Failed stays), its instance is forgotten, and its binding
 * stops handing the instance out; the outcome goes into the report.
 */
export async function stopComponents(parts: ShutdownConfig): Promise<StopResult> {
  const { specs, states, plan, clock, bindings, shutdownTimeout } = parts;
  const result: StopResult = { components: {}, stopped: [], failed: [] };
  await stopInOrder({ specs, states, graph: plan.graph, clock, shutdownTimeout }, undefined, (index, entry) => {
    // defineProperty: a component may be named `__proto__`; a second call (bookkeeping failed) replaces the entry.
    const again = Object.hasOwn(result.components, entry.name);
    Object.defineProperty(result.components, entry.name, { value: entry, enumerable: true, configurable: true, writable: true });
    if (again) result.stopped.splice(result.stopped.indexOf(entry.name), 1);
    if (entry.outcome === 'stopped') result.stopped.push(entry.name);
    if (entry.outcome === 'failed' || entry.outcome === 'timeout') result.failed.push(entry.name);
    if (again) return;
    states.stop(index, clock.now());
    bindings.release(specs[index]!);
  });
  return result;
}
