import type { Learning } from '../adaptive/Learning.js';
import { runPriming } from '../adaptive/runPriming.js';
import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority } from '../component/Priority.js';
import { debug } from '../debug.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { BootWaves, Readiness } from '../readiness/Readiness.js';
import { WaveQueries } from '../readiness/WaveQueries.js';
import type { Clock } from '../run/Clock.js';
import type { InstanceFactory, RunEnvironment } from '../run/ComponentRunner.js';
import { InFlight } from '../run/InFlight.js';
import { LoadEngine, type SettleListener } from '../schedule/LoadEngine.js';
import type { ResolvedWarmupOptions } from '../WarmupOptions.js';
import type { Planner } from './Planner.js';

/** What {@link Loads} is built from. */
export interface LoadsConfig {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly readiness: Readiness;
  readonly planner: Planner;
  readonly clock: Clock;
  readonly options: ResolvedWarmupOptions;
  readonly factory: InstanceFactory;
  /** Hands an instance out, or throws ComponentNotReadyError fit for its status. */
  readonly instances: { instanceOrThrow(index: number): unknown };
  /** The cache of health results, written by each load's health check. */
  readonly health: HealthRecords;
  /** Learned load times (the queue's order) and the usage counts of getAsync. */
  readonly learning: Pick<Learning, 'rank' | 'usage'>;
  /** Idle tiers: room is made (LRU release) before an on-demand load under a memory budget. */
  readonly idle?: { makeRoom(index: number, budgetMb: number): void };
}

/**
 * Everything that loads components: the engine (made with the plan), the environment every attempt
 * runs in (built once, here, where attempts live), the one cancellation that stops them all, and the
 * fail-fast policy. The engine tells it each settle; it moves readiness on and, under `failFast`,
 * cancels the boot at the first required failure.
 */
export class Loads implements SettleListener, BootWaves {
  readonly waves: WaveQueries;
  readonly #config: LoadsConfig;
  readonly #cancel = new AbortController();
  /** Attempts, health checks and backoffs in flight, aborted together by {@link cancel}. */
  readonly #inFlight = new InFlight();
  readonly #env: RunEnvironment;
  #engine: LoadEngine | undefined;
  #bootRun: Promise<void> = Promise.resolve();

  constructor(config: LoadsConfig) {
    this.#config = config;
    const { clock, options, states, factory, specs, planner } = config;
    this.waves = new WaveQueries(specs, states, planner);
    this.#env = {
      clock,
      healthTimeout: options.healthTimeout,
      random: options.random,
      cancel: this.#cancel.signal,
      inFlight: this.#inFlight,
      factory,
      states,
      health: config.health,
    };
  }

  /** The engine, planning first if needed (throws on cycles and missing dependencies). */
  engine(): LoadEngine {
    if (this.#engine !== undefined) return this.#engine;
    const { specs, states, planner, options, learning } = this.#config;
    const plan = planner.plan();
    this.#engine = new LoadEngine({
      specs,
      states,
      graph: plan.graph,
      effective: plan.effective,
      maxConcurrent: options.maxConcurrent,
      memoryBudgetMb: options.memoryBudgetMb,
      rank: learning.rank(plan, options.schedule),
      run: this.#env,
      listener: this,
    });
    // Before anything is wanted: a skipped component is settled for the engine (its optional
    // dependents do not wait for it) and is no member of the boot.
    const at = this.#config.clock.now();
    for (const { index, reason } of plan.skipped) states.skip(index, at, reason);
    return this.#engine;
  }

  /** Runs the boot members' `prime()` hooks (none once cancelled); resolves with their time, if any ran. */
  prime(): Promise<number | undefined> {
    if (this.cancelled !== undefined || this.#engine === undefined) return Promise.resolve(undefined);
    const { specs, states, clock } = this.#config;
    const engine = this.#engine;
    return runPriming({ specs, states, clock, inFlight: this.#inFlight, inBoot: (i) => engine.inBoot(i) });
  }

  /** Set when the work was cancelled (shutdown, fail-fast). */
  get cancelled(): Error | undefined {
    return this.#cancel.signal.aborted ? (this.#cancel.signal.reason as Error) : undefined;
  }

  /** Loads one component (and what it needs) now, ahead of the waves; resolves when it settled. */
  demand(index: number): Promise<void> {
    return this.engine().demand(index);
  }

  /** Sends a usable component back to cold (see `LoadEngine.release`); the caller disposes it. */
  release(index: number): void {
    this.engine().release(index);
  }

  /** Loads these components again as fresh instances (a restart), dependencies first. */
  reload(nodes: readonly number[]): Promise<void> {
    return this.engine().reload(nodes);
  }

  /**
   * Stops every load: nothing new starts, queued components fail with `reason`, and in-flight
   * attempts, health checks and backoffs are aborted (from a fresh microtask: this may run inside a
   * settle, whose attempts must not settle re-entrantly). Idempotent.
   */
  cancel(reason: Error): void {
    if (this.#cancel.signal.aborted) return;
    debug('cancel: %s', reason.message);
    this.#cancel.abort(reason);
    this.#engine?.stop(reason); // first: nothing new may start when the aborted ones settle
    // Read inside the microtask, so what starts meanwhile is aborted too (the attempt loop checks
    // the cancel signal before starting a health check or the next attempt).
    // A promise job, not queueMicrotask: jest's fake timers hold queueMicrotask back until a timer.
    void Promise.resolve().then(() => this.#inFlight.abortAll(reason));
  }

  /** The boot's run, so {@link whenSettled} waits for its outcome too. */
  trackBoot(run: Promise<unknown>): void {
    this.#bootRun = run.then(noop, noop);
  }

  /** Resolves when nothing is loading any more and the boot's outcome is decided. */
  async whenSettled(): Promise<void> {
    await this.#engine?.whenIdle();
    await this.#bootRun;
  }

  // SettleListener: one call per settled component, from the engine.
  settled(index: number, inBoot: boolean): void {
    if (!inBoot) return;
    const { readiness, states, specs, options, planner } = this.#config;
    readiness.settled(index);
    // Waves settle in priority order, so only the last member of a wave can move them on.
    if (this.#engine!.remaining(planner.effective![index]!) === 0) readiness.advanceWaves(this);
    if (options.failFast && states.status[index] === ComponentStatus.Failed && specs[index]!.required && readiness.phase.booting) {
      this.cancel(new BootCancelledError(`fail-fast: required component '${specs[index]!.name}' failed`, undefined, states.error[index]));
    }
  }

  // BootWaves: what readiness asks about the waves.
  remaining(priority: Priority): number {
    return this.#engine?.remaining(priority) ?? 0;
  }

  /** False once the boot was cancelled: a boot that already failed never accepts requests. */
  criticalUsable(): boolean {
    return !this.#cancel.signal.aborted && this.waves.requiredUnusable(Priority.CRITICAL) < 0;
  }

  /**
   * The instance, loading the component (and what it needs) first when it is not usable: `getAsync`.
   * Rejects with ComponentNotReadyError (with the cause) when it failed or the container stops.
   */
  async instance(index: number): Promise<unknown> {
    const { states, readiness, instances, learning, idle, options } = this.#config;
    learning.usage.getAsync(index);
    if (!isUsable(states.status[index]!) && !readiness.phase.stopping) {
      idle?.makeRoom(index, options.memoryBudgetMb);
      await this.demand(index);
    }
    return instances.instanceOrThrow(index);
  }
}

function noop(): void {}
