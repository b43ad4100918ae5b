import { Observable } from 'rxjs';
import { ComponentStatus, isSettled, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority } from '../component/Priority.js';
import { debug } from '../debug.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { DependencyFailedError } from '../errors/DependencyFailedError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { ComponentRunner, type LoadSink, type RunEnvironment } from '../run/ComponentRunner.js';
import { disposeDiscarded } from '../run/dispose.js';
import { Dispatcher } from './Dispatcher.js';

/** Bucket of on-demand loads (`getAsync`, restarts): ahead of every wave, a caller is waiting. */
const onDemandBucket = 0;
/** Longest dependency chain spelled out in a DependencyFailedError before it is elided. */
const maxPathLength = 32;

/** Told once per component that settles (the one listener of the engine). */
export interface SettleListener {
  /** `inBoot`: it counts toward the boot's progress and waves. */
  settled(index: number, inBoot: boolean): void;
}

/** What the engine is built from: the plan, the limits, and where attempts run and settles go. */
export interface LoadEngineConfig {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly graph: DependencyGraph;
  readonly effective: Uint8Array;
  readonly maxConcurrent: number;
  readonly memoryBudgetMb: number;
  /** Longest remaining path per component, from learned load times (duration-aware order), or undefined. */
  readonly rank?: Float64Array | undefined;
  /** The attempts' environment, built once; the engine runs its own {@link ComponentRunner} on it. */
  readonly run: RunEnvironment;
  readonly listener: SettleListener;
}

/**
 * Dependency bookkeeping with plain counters: a component enters the ready queue when its last
 * dependency settles, and the {@link Dispatcher} starts it when a slot and the memory budget allow.
 * A failure fails the dependents on required edges (iteratively, never recursively) without running
 * them; optional edges only order. Each wave is an Observable that completes when its last member
 * settles, so the boot pipeline can `concat` them.
 */
export class LoadEngine implements LoadSink {
  readonly dispatcher: Dispatcher;
  readonly #config: LoadEngineConfig;
  readonly #runner: ComponentRunner;
  readonly #pendingDeps: Int32Array;
  readonly #wanted: Uint8Array;
  readonly #failedVia: Int32Array;
  readonly #failedRoot: Int32Array;
  readonly #bucket: Uint8Array;
  readonly #inBoot: Uint8Array;
  readonly #waveRemaining = new Int32Array(Priority.DEFERRED + 1);
  readonly #waveDone: ((() => void) | undefined)[] = [];
  readonly #waiters = new Map<number, (() => void)[]>();
  #idleWaiters: (() => void)[] = [];
  /** While a failure's cascade is being heard, emptied waves wait here (see {@link #propagate}). */
  #holdWaves = 0;
  readonly #heldWaves = new Uint8Array(Priority.DEFERRED + 1);
  /** Set once stopped: what is wanted from then on fails with it at once, without starting. */
  #stopReason: Error | undefined;

  constructor(config: LoadEngineConfig) {
    this.#config = config;
    this.#runner = new ComponentRunner(config.run, this);
    const { size } = config.graph;
    this.#pendingDeps = new Int32Array(size);
    this.#wanted = new Uint8Array(size);
    this.#failedVia = new Int32Array(size).fill(-1);
    this.#failedRoot = new Int32Array(size).fill(-1);
    this.#bucket = new Uint8Array(size);
    this.#inBoot = new Uint8Array(size);
    this.dispatcher = new Dispatcher({
      maxConcurrent: config.maxConcurrent,
      memoryBudgetMb: config.memoryBudgetMb,
      buckets: Priority.DEFERRED + 1, // on-demand, then CRITICAL … LOW
      rank: config.rank,
      memoryOf: (i) => config.specs[i]!.memoryMb,
      start: (i) => this.#start(i),
      startable: (i) => config.states.status[i] === ComponentStatus.Pending,
      oversize: (i) =>
        config.states.warn(
          i,
          config.run.clock.now(),
          `estimated ${config.specs[i]!.memoryMb} MB exceeds memoryBudgetMb ${config.memoryBudgetMb}: loading it alone`,
        ),
    });
  }

  /**
   * Marks every non-deferred component (after priority inversion) that is not Skipped as a member of the boot. Returns
   * how many there are, and those that already settled (loaded by `getAsync` before `boot()`), in
   * the order they settled. Nothing is queued yet: see {@link queueBootSet}.
   */
  markBootSet(): { readonly total: number; readonly settledEarly: readonly number[] } {
    const { effective, states } = this.#config;
    const settledEarly: number[] = [];
    let total = 0;
    for (let i = 0; i < effective.length; i++) {
      // Skipped components are no members: they count neither toward progress nor their wave.
      if (effective[i]! >= Priority.DEFERRED || states.status[i] === ComponentStatus.Skipped) continue;
      total++;
      this.#inBoot[i] = 1;
      if (isSettled(states.status[i]!)) settledEarly.push(i);
      else this.#waveRemaining[effective[i]!]!++;
    }
    // Earliest first; at the same moment a root failure before what it failed by dependency.
    const derived = (i: number): number => (PreheatError.is(states.error[i]) && (states.error[i]).code === ErrorCode.DependencyFailed ? 1 : 0);
    settledEarly.sort((a, b) => states.finishedAt[a]! - states.finishedAt[b]! || derived(a) - derived(b));
    return { total, settledEarly };
  }

  /** Queues the boot members that have not settled (each in its wave's bucket), as they become ready. */
  queueBootSet(): void {
    const { effective, states } = this.#config;
    const members: number[] = [];
    for (let i = 0; i < effective.length; i++) {
      if (this.#inBoot[i] === 1 && this.#wanted[i] === 0 && !isSettled(states.status[i]!)) members.push(i);
    }
    this.#want(members, (i) => 1 + effective[i]!);
  }

  /** True for a member of the boot set (see {@link markBootSet}); DEFERRED ones loaded on demand are not. */
  inBoot(index: number): boolean {
    return this.#inBoot[index] === 1;
  }

  /**
   * Loads one component and whatever it needs that has not settled, now, ahead of the waves: every
   * node of that closure moves to the on-demand bucket (a node already queued in its wave bucket gets
   * a second entry; the stale one is skipped). Resolves when the component settles.
   */
  demand(index: number): Promise<void> {
    const { states, graph } = this.#config;
    if (isSettled(states.status[index]!)) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#whenSettled(index, resolve));
    const fresh: number[] = [];
    const seen = new Set<number>([index]);
    const stack = [index];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.#bucket[node] = onDemandBucket;
      if (this.#wanted[node] === 0) fresh.push(node);
      else if (states.status[node] === ComponentStatus.Pending && this.#pendingDeps[node] === 0) this.dispatcher.enqueue(onDemandBucket, node);
      for (let e = graph.depStart[node]!, end = graph.depStart[node + 1]!; e < end; e++) {
        const dep = graph.depList[e]!;
        if (!seen.has(dep) && !isSettled(states.status[dep]!)) {
          seen.add(dep);
          stack.push(dep);
        }
      }
    }
    this.#want(fresh, () => onDemandBucket);
    return done;
  }

  /**
   * Loads `nodes` again (a restart): each goes back to pending, forgets how it failed, and loads on
   * demand after its dependencies, as a fresh instance. The caller has disposed the old instances.
   * Resolves when all of them settled.
   */
  reload(nodes: readonly number[]): Promise<void> {
    const { states, run } = this.#config;
    const at = run.clock.now();
    for (const i of nodes) {
      this.#wanted[i] = 0;
      this.#failedVia[i] = -1;
      this.#failedRoot[i] = -1;
      states.reset(i, at);
    }
    return Promise.all(nodes.map((i) => this.demand(i))).then(noop);
  }

  /**
   * A usable component goes back to cold (released for idleness; the caller disposes the instance):
   * pending again, no longer a boot member, wanted by nobody, so the next `demand` loads it anew.
   */
  release(index: number): void {
    this.#wanted[index] = 0;
    this.#inBoot[index] = 0;
    this.#failedVia[index] = -1;
    this.#failedRoot[index] = -1;
    this.#config.states.reset(index, this.#config.run.clock.now());
  }

  /** An Observable that lets the wave of `priority` run and completes when its last member settles. */
  wave$(priority: Priority): Observable<never> {
    return new Observable<never>((subscriber) => {
      this.#waveDone[priority] = () => subscriber.complete();
      debug('wave %s: %d to load', Priority[priority], this.#waveRemaining[priority]);
      this.dispatcher.setLimit(1 + priority);
      if (this.#waveRemaining[priority] === 0) this.#completeWave(priority);
    });
  }

  /** Unblocks every wave at once (eager scheduling): the queue still starts urgent ones first. */
  all$(): Observable<never> {
    return new Observable<never>((subscriber) => {
      let open = 0;
      const check = (): void => {
        if (--open === 0) subscriber.complete();
      };
      for (let p = Priority.CRITICAL; p < Priority.DEFERRED; p++) {
        if (this.#waveRemaining[p]! > 0) {
          open++;
          this.#waveDone[p] = check;
        }
      }
      this.dispatcher.setLimit(Priority.DEFERRED);
      if (open === 0) subscriber.complete();
    });
  }

  /** Unsettled components of the boot in wave `priority`. */
  remaining(priority: Priority): number {
    return this.#waveRemaining[priority]!;
  }

  /** Stops starting anything; settles every wanted component that has not started as Failed with `reason`. */
  stop(reason: Error): void {
    this.#stopReason = reason;
    this.dispatcher.stop();
    const { states, run } = this.#config;
    // Every component that had not started fails with the cancellation itself, whatever its
    // dependencies did: all are settled first, then their settles are told.
    const cancelled: number[] = [];
    for (let i = 0; i < this.#wanted.length; i++) {
      if (this.#wanted[i] === 1 && states.status[i] === ComponentStatus.Pending) {
        states.settle(i, ComponentStatus.Failed, run.clock.now(), undefined, reason);
        cancelled.push(i);
      }
    }
    for (let k = 0; k < cancelled.length; k++) this.#propagate(cancelled[k]!);
  }

  /** A component's attempt loop has ended (`finishedAt`: its last attempt's end). */
  settle(index: number, status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed, instance: unknown, error: Error | undefined, attempts: number, finishedAt: number): void {
    const { states } = this.#config;
    // Settle first so the dependents it releases are queued before the freed slot is handed out:
    // the most urgent ready component gets it.
    if (!isSettled(states.status[index]!)) {
      // Batched: the dependents it releases all reach the queue before any starts (finished pumps).
      this.dispatcher.batch(() => {
        states.settle(index, status, finishedAt, instance, error, attempts);
        this.#propagate(index);
      });
    } else if (status !== ComponentStatus.Failed) {
      // Failed while it loaded, by a dependency that failed again (a restart's reload): it stays
      // failed, and the instance its attempt built is disposed, as nobody will use it.
      const { clock } = this.#config.run;
      disposeDiscarded(this.#config.specs[index]!, instance, states, clock);
    }
    this.dispatcher.finished(index);
    if (this.dispatcher.running === 0 && this.#idleWaiters.length > 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves once no load is running (after {@link stop}, nothing new starts). */
  whenIdle(): Promise<void> {
    if (this.dispatcher.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #want(nodes: readonly number[], bucketOf: (i: number) => number): void {
    const { graph, states, run } = this.#config;
    for (let k = 0; k < nodes.length; k++) {
      const i = nodes[k]!;
      this.#wanted[i] = 1;
      this.#bucket[i] = bucketOf(i);
    }
    const stopped = this.#stopReason;
    if (stopped !== undefined) {
      // Wanted after a stop (a boot after fail-fast, a getAsync after shutdown): the cancellation.
      for (const i of nodes) if (states.status[i] === ComponentStatus.Pending) states.settle(i, ComponentStatus.Failed, run.clock.now(), undefined, stopped);
      for (const i of nodes) this.#propagate(i);
      return;
    }
    const ready: number[] = [];
    const failed: number[] = [];
    for (let k = 0; k < nodes.length; k++) {
      const i = nodes[k]!;
      let pending = 0;
      let failedDep = -1;
      for (let e = graph.depStart[i]!, end = graph.depStart[i + 1]!; e < end; e++) {
        const dep = graph.depList[e]!;
        const status = states.status[dep]!;
        if (!isSettled(status)) pending++;
        else if (graph.depRequired[e] === 1 && !isUsable(status)) failedDep = dep;
      }
      this.#pendingDeps[i] = pending;
      if (failedDep >= 0) failed.push(i, failedDep);
      else if (pending === 0) ready.push(i);
    }
    for (let k = 0; k < failed.length; k += 2) {
      const i = failed[k]!;
      if (isSettled(states.status[i]!)) continue;
      this.#markDependencyFailed(i, failed[k + 1]!);
      this.#propagate(i);
    }
    for (let k = 0; k < ready.length; k++) {
      const i = ready[k]!;
      if (states.status[i] === ComponentStatus.Pending) this.dispatcher.enqueue(this.#bucket[i]!, i);
    }
  }

  #start(index: number): void {
    const { states, specs, run } = this.#config;
    const at = run.clock.now();
    states.start(index, at);
    this.#runner.run(specs[index]!, at);
  }

  /**
   * Tells the listener that a component settled and releases its dependents. A failure settles
   * together with everything it fails on required edges: the whole cascade is marked first
   * (DependencyFailedError), then the listener hears each, breadth first, so fail-fast (which the
   * listener may fire) stops only what the failure itself did not reach. Dependents released on
   * optional edges start last, once the listener has spoken. Iterative: long chains cannot overflow.
   */
  #propagate(index: number): void {
    const { states, graph } = this.#config;
    if (isUsable(states.status[index]!)) {
      // The usual settle: allocates nothing.
      this.#settled(index);
      for (let e = graph.dependentStart[index]!, end = graph.dependentStart[index + 1]!; e < end; e++) {
        const dependent = graph.dependentList[e]!;
        // isSettled, inlined: this runs once per edge.
        if (this.#wanted[dependent] === 1 && --this.#pendingDeps[dependent]! === 0 && states.status[dependent] === ComponentStatus.Pending) {
          this.dispatcher.enqueue(this.#bucket[dependent]!, dependent);
        }
      }
      return;
    }
    const cascade = [index];
    const released: number[] = [];
    for (let k = 0; k < cascade.length; k++) {
      const node = cascade[k]!;
      for (let e = graph.dependentStart[node]!, end = graph.dependentStart[node + 1]!; e < end; e++) {
        const dependent = graph.dependentList[e]!;
        const status = states.status[dependent]!;
        if (this.#wanted[dependent] !== 1 || (status !== ComponentStatus.Pending && status !== ComponentStatus.Loading)) continue;
        if (graph.dependentRequired[e] === 1) {
          this.#markDependencyFailed(dependent, node);
          cascade.push(dependent);
        } else if (--this.#pendingDeps[dependent]! === 0 && status === ComponentStatus.Pending) {
          released.push(dependent);
        }
      }
    }
    // Waves the cascade empties complete after all of it was heard: completing one opens the next
    // wave, which would start components before fail-fast heard a required failure further down.
    this.#holdWaves++;
    try {
      for (let k = 0; k < cascade.length; k++) this.#settled(cascade[k]!);
    } finally {
      this.#holdWaves--;
    }
    for (let wave = 0; wave < this.#heldWaves.length; wave++) if (this.#heldWaves[wave] === 1 && this.#holdWaves === 0) this.#completeWave(wave);
    for (let k = 0; k < released.length; k++) {
      const dependent = released[k]!;
      if (states.status[dependent] === ComponentStatus.Pending) this.dispatcher.enqueue(this.#bucket[dependent]!, dependent);
    }
  }

  /**
   * Fails a component because `dep` failed, naming the chain down to the root failure. Each failed
   * node remembers its root, so building a path costs at most `maxPathLength` hops: a 100,000-long
   * chain failing at its base stays O(V + E).
   */
  #markDependencyFailed(index: number, dep: number): void {
    const { states, specs, run } = this.#config;
    const root = this.#failedVia[dep]! < 0 ? dep : this.#failedRoot[dep]!;
    this.#failedVia[index] = dep;
    this.#failedRoot[index] = root;
    const path = [specs[index]!.name];
    for (let node = dep, hops = 0; hops < maxPathLength; hops++) {
      path.push(specs[node]!.name);
      if (node === root) break;
      node = this.#failedVia[node]!;
    }
    if (path[path.length - 1] !== specs[root]!.name) path.push('…', specs[root]!.name);
    const rootError = states.error[root];
    const error = new DependencyFailedError(path, rootError instanceof ComponentLoadError ? rootError.cause : rootError);
    states.settle(index, ComponentStatus.Failed, run.clock.now(), undefined, error);
  }

  /** One component settled: the listener hears it, `demand` callers resume, its wave may be over. */
  #settled(index: number): void {
    const inBoot = this.#inBoot[index] === 1;
    const wave = this.#config.effective[index]!;
    if (inBoot) this.#waveRemaining[wave]!--;
    this.#config.listener.settled(index, inBoot);
    const waiters = this.#waiters.size === 0 ? undefined : this.#waiters.get(index);
    if (waiters !== undefined) {
      this.#waiters.delete(index);
      for (const w of waiters) w();
    }
    if (inBoot && this.#waveRemaining[wave] === 0) this.#completeWave(wave);
  }

  /**
   * Tells the wave's stream it is over, once: the listener may stop the boot (fail-fast), which
   * settles the rest of this wave from inside this settle and gets here first.
   */
  #completeWave(wave: number): void {
    if (this.#holdWaves > 0) {
      this.#heldWaves[wave] = 1;
      return;
    }
    this.#heldWaves[wave] = 0;
    const done = this.#waveDone[wave];
    this.#waveDone[wave] = undefined;
    done?.();
  }

  #whenSettled(index: number, fn: () => void): void {
    const list = this.#waiters.get(index);
    if (list === undefined) this.#waiters.set(index, [fn]);
    else list.push(fn);
  }
}

function noop(): void {}
