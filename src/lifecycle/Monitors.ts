import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { debug } from '../debug.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { DependencyFailedError } from '../errors/DependencyFailedError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import { disposeDiscarded } from '../run/dispose.js';
import { HealthMonitor, type MonitorEnvironment } from './HealthMonitor.js';
import { resolveMonitorOptions, type HealthScore, type MonitorHandle, type MonitorOptions } from './MonitorOptions.js';
import type { BindingReleaser, GraphSource } from './ShutdownConfig.js';
import { stopInOrder } from './stopInOrder.js';

/** Who rebuilds components from scratch (the loads). */
export interface Rebuilder {
  reload(nodes: readonly number[]): Promise<void>;
}

/** What {@link Monitors} is built from. */
export interface MonitorsConfig {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly plan: GraphSource;
  readonly loads: Rebuilder;
  readonly bindings: BindingReleaser;
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly shutdownTimeout: number;
  readonly random: () => number;
  readonly health: HealthRecords;
}

/** Longest dependency chain spelled out in a DependencyFailedError before it is elided. */
const maxPathLength = 32;

/**
 * The runtime health monitors of a Warmup (`warmup.monitor()`), their scores, and what happens when
 * one gives up on a component: it is disposed and no longer handed out, and its dependents, which
 * hold that dead instance, become Degraded with a DependencyFailedError; or, with `restart`, it is
 * rebuilt, then its dependents after it.
 */
export class Monitors {
  readonly #config: MonitorsConfig;
  readonly #env: MonitorEnvironment;
  readonly #monitors: HealthMonitor[] = [];
  readonly #unrecoverable: string[] = [];
  #stopped = false;

  constructor(config: MonitorsConfig) {
    this.#config = config;
    const { specs, states, clock, healthTimeout, random, health } = config;
    this.#env = { specs, states, clock, healthTimeout, random, health, giveUp: (i, error, restart) => this.#giveUp(i, error, restart) };
  }

  /** Starts a monitor with these options; after shutdown began, one that never checks. */
  start(options?: MonitorOptions): MonitorHandle {
    const monitor = new HealthMonitor(this.#env, resolveMonitorOptions(options));
    this.#monitors.push(monitor);
    if (this.#stopped) monitor.stop();
    else monitor.start();
    return monitor;
  }

  /** Stops every monitor (at shutdown); later ones never start. */
  stopAll(): void {
    this.#stopped = true;
    for (const monitor of this.#monitors) monitor.stop();
  }

  /** The latest monitor's score for a component, or undefined if none checked it. */
  scoreOf(index: number): HealthScore | undefined {
    for (let k = this.#monitors.length - 1; k >= 0; k--) {
      const score = this.#monitors[k]!.score(index);
      if (score !== undefined) return score;
    }
    return undefined;
  }

  /**
   * How often the component is checked now: its period under the latest running monitor, or
   * undefined when no monitor runs (nothing will refresh its result).
   */
  periodOf(index: number): number | undefined {
    for (let k = this.#monitors.length - 1; k >= 0; k--) {
      const monitor = this.#monitors[k]!;
      if (monitor.running) return monitor.periodOf(this.#config.specs[index]!);
    }
    return undefined;
  }

  /** Names of required components given up on (for a liveness probe). */
  get unrecoverable(): readonly string[] {
    return this.#unrecoverable;
  }

  #giveUp(index: number, error: Error, restart: boolean): void {
    const { specs, states, clock } = this.#config;
    debug('monitor: %s %s', restart ? 'restarting' : 'giving up on', specs[index]!.name);
    if (restart) {
      void this.#restart(index);
      return;
    }
    const spec = specs[index]!;
    disposeDiscarded(spec, states.giveUp(index, error, clock.now()), states, clock);
    this.#config.bindings.release(spec);
    if (spec.required) this.#unrecoverable.push(spec.name);
    this.#degradeDependents(index);
  }

  /**
   * Every component that depends on the given-up one, directly or not, holds its dead instance:
   * Degraded, with a DependencyFailedError naming the chain. Iterative, O(V + E).
   */
  #degradeDependents(root: number): void {
    const { states, specs, plan, clock } = this.#config;
    const graph = plan.graph;
    if (graph === undefined) return;
    const via = new Map<number, number>([[root, -1]]);
    const queue = [root];
    const rootError = states.error[root];
    const cause = rootError instanceof ComponentLoadError ? rootError.cause : rootError;
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (let e = graph.dependentStart[node]!, end = graph.dependentStart[node + 1]!; e < end; e++) {
        const dependent = graph.dependentList[e]!;
        if (via.has(dependent) || !isUsable(states.status[dependent]!)) continue;
        via.set(dependent, node);
        queue.push(dependent);
        states.degrade(dependent, new DependencyFailedError(pathTo(dependent, via, specs), cause), clock.now());
      }
    }
  }

  /**
   * Rebuilds the component and everything loaded that depends on it: they are disposed dependents
   * first, then loaded again as fresh instances, dependencies first. If the rebuild fails, the
   * component is given up as without `restart`.
   */
  async #restart(index: number): Promise<void> {
    const { specs, states, plan, loads, bindings, clock, shutdownTimeout } = this.#config;
    const graph = plan.graph!;
    const nodes = loadedDependents(graph, states, index);
    await stopInOrder({ specs, states, graph, clock, shutdownTimeout }, new Set(nodes), (i, entry) => {
      if (entry.error !== undefined) states.warn(i, clock.now(), `its shutdown hook ${entry.outcome} before its restart: ${entry.error}`);
      states.release(i);
      bindings.release(specs[i]!);
      for (const monitor of this.#monitors) monitor.forget(i);
    });
    await loads.reload(nodes);
    for (const i of nodes) {
      if (!isUsable(states.status[i]!) && specs[i]!.required && !this.#unrecoverable.includes(specs[i]!.name)) this.#unrecoverable.push(specs[i]!.name);
    }
  }
}

/** The component and every loaded component that depends on it, directly or not, dependents last. */
function loadedDependents(graph: DependencyGraph, states: ComponentStates, root: number): number[] {
  const seen = new Set<number>([root]);
  const nodes = [root];
  for (let head = 0; head < nodes.length; head++) {
    const node = nodes[head]!;
    for (let e = graph.dependentStart[node]!, end = graph.dependentStart[node + 1]!; e < end; e++) {
      const dependent = graph.dependentList[e]!;
      if (seen.has(dependent) || !isUsable(states.status[dependent]!)) continue;
      seen.add(dependent);
      nodes.push(dependent);
    }
  }
  return nodes;
}

/** `dependent ← … ← root`, cut with `…` after {@link maxPathLength} names. */
function pathTo(dependent: number, via: ReadonlyMap<number, number>, specs: readonly ComponentSpec[]): string[] {
  const path: string[] = [];
  let node = dependent;
  for (; node >= 0 && path.length < maxPathLength; node = via.get(node)!) path.push(specs[node]!.name);
  if (node >= 0) {
    let root = node;
    while (via.get(root)! >= 0) root = via.get(root)!;
    if (root !== node) path.push('…'); // only where names were left out
    path.push(specs[root]!.name);
  }
  return path;
}
