import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { describeError } from '../errors/describeError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { callSafely } from '../run/callSafely.js';
import type { Clock } from '../run/Clock.js';
import { disposeHookOf } from '../run/instanceHooks.js';
import type { UsageRecorder } from './UsageRecorder.js';

/** What releasing needs: the engine's release, the binding cache, the graph, the use counts. */
export interface IdleParts {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly usage: UsageRecorder;
  graph(): DependencyGraph | undefined;
  /** Back to pending (the engine): the next getAsync loads it anew. */
  release(index: number): void;
  /** Drops the value inversify cached for it. */
  forget(spec: ComponentSpec): void;
  /** True while the container is shutting down (nothing is released then: shutdown stops it). */
  stopping(): boolean;
}

/**
 * Hot / warm / cold tiers (like Ollama's `keep_alive`): a component with `idle: { after }` is watched
 * once usable; a timer checks every `after` ms whether it was resolved (`get`, `getAsync`) since the
 * last check, so it is released between `after` and 2 × `after` after its last use: its
 * `onRelease(instance)` (else its shutdown hook) runs, its status goes back to pending, and the next
 * `getAsync` warms it again. Never released: a pinned one, or one a usable component depends on.
 * `makeRoom(mb)` releases the least recently used idle-capable ones until `mb` more fits the budget.
 */
export class IdleReleaser {
  readonly #timers = new Map<number, () => void>();
  readonly #seen = new Map<number, number>();
  readonly #lastUsedAt = new Map<number, number>();
  readonly #pinned = new Set<number>();
  readonly #released = new Set<number>();
  #started = false;

  constructor(private readonly parts: IdleParts) {}

  /** Starts watching the idle-capable components (once, when the plan exists). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const { specs, states } = this.parts;
    for (const spec of specs) {
      if (spec.idle === undefined) continue;
      const i = spec.index;
      states.watch(i, {
        next: (status) => {
          if (isUsable(status)) this.#arm(i);
        },
        complete: () => this.#disarm(i),
      });
      if (isUsable(states.status[i]!)) this.#arm(i);
    }
  }

  /** Keeps `index` hot: never released for idleness or memory. */
  pin(index: number): void {
    this.#pinned.add(index);
    this.#disarm(index);
  }

  /** True once released for idleness (until it is usable again): the not-ready error says so. */
  wasReleased(index: number): boolean {
    return this.#released.has(index);
  }

  /**
   * Before an on-demand load of `memoryMb` under `budgetMb`: releases the least recently used
   * idle-capable components until the resident estimate (their `memoryMb`) plus it fits.
   */
  makeRoom(index: number, budgetMb: number): void {
    if (budgetMb === Infinity) return;
    const { specs, states } = this.parts;
    const resident = (): number => specs.reduce((sum, s) => sum + (s.idle !== undefined && isUsable(states.status[s.index]!) ? s.memoryMb : 0), 0);
    const need = specs[index]!.memoryMb;
    while (resident() + need > budgetMb) {
      let victim = -1;
      for (const spec of specs) {
        const i = spec.index;
        if (i === index || !this.#releasable(i)) continue;
        if (victim < 0 || (this.#lastUsedAt.get(i) ?? 0) < (this.#lastUsedAt.get(victim) ?? 0)) victim = i;
      }
      if (victim < 0) return;
      this.#release(victim, `to make room for '${specs[index]!.name}' within memoryBudgetMb ${budgetMb}`);
    }
  }

  #arm(index: number): void {
    this.#released.delete(index);
    this.#disarm(index);
    if (this.#pinned.has(index)) return;
    const { usage, clock, specs } = this.parts;
    this.#seen.set(index, usage.uses(index));
    this.#lastUsedAt.set(index, clock.now());
    const check = (): void => {
      const uses = usage.uses(index);
      if (uses !== this.#seen.get(index)) {
        this.#seen.set(index, uses);
        this.#lastUsedAt.set(index, clock.now());
      } else if (this.#releasable(index)) {
        this.#timers.delete(index);
        this.#release(index, `idle for ${specs[index]!.idle!.after} ms`);
        return;
      }
      this.#timers.set(index, clock.setTimeout(check, specs[index]!.idle!.after));
    };
    this.#timers.set(index, clock.setTimeout(check, specs[index]!.idle!.after));
  }

  #disarm(index: number): void {
    this.#timers.get(index)?.();
    this.#timers.delete(index);
  }

  /** Usable, idle-capable, not pinned, not stopping, and no usable dependent. */
  #releasable(index: number): boolean {
    const { specs, states } = this.parts;
    if (specs[index]!.idle === undefined || this.#pinned.has(index) || !isUsable(states.status[index]!) || this.parts.stopping()) return false;
    const graph = this.parts.graph();
    if (graph === undefined) return false;
    for (let e = graph.dependentStart[index]!, end = graph.dependentStart[index + 1]!; e < end; e++) {
      if (isUsable(states.status[graph.dependentList[e]!]!)) return false;
    }
    return true;
  }

  #release(index: number, why: string): void {
    const { specs, states, clock } = this.parts;
    const spec = specs[index]!;
    const instance = states.instance[index];
    this.#disarm(index);
    this.parts.forget(spec);
    this.parts.release(index);
    this.#released.add(index);
    states.warn(index, clock.now(), `released: ${why}`);
    const definition = spec.definition;
    const onRelease = definition?.onRelease !== undefined ? (i: unknown) => definition.onRelease!(i) : releaseMethodOf(spec, instance) ?? disposeHookOf(spec, instance);
    if (onRelease !== undefined) callSafely(() => onRelease(instance)).catch((error: unknown) => states.warn(index, clock.now(), `onRelease failed: ${describeError(error)}`));
  }
}

function releaseMethodOf(spec: ComponentSpec, instance: unknown): ((instance: unknown) => unknown) | undefined {
  if (spec.ctor === undefined) return undefined;
  const method = (instance as { onRelease?: unknown } | null)?.onRelease;
  return typeof method === 'function' ? () => (method as () => unknown).call(instance) : undefined;
}
