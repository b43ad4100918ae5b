import 'reflect-metadata';
import type { Container } from 'inversify';
import { distinctUntilChanged, filter, firstValueFrom, map, take, type Observable } from 'rxjs';
import { planBoot, type BootPlan } from './boot/planBoot.js';
import { runBoot } from './boot/runBoot.js';
import { ComponentRegistry, type ComponentId } from './component/ComponentRegistry.js';
import { describeToken } from './component/describeToken.js';
import { ComponentStatus, isUsable } from './component/ComponentStatus.js';
import { Priority, priorityName } from './component/Priority.js';
import type { ComponentSpec } from './component/ComponentSpec.js';
import { toComponentSpec, type Registrable } from './component/toComponentSpec.js';
import { ComponentBindings } from './container/ComponentBindings.js';
import { ComponentLookup } from './container/ComponentLookup.js';
import { loadOnGetAsync } from './container/loadOnGetAsync.js';
import { instantiate } from './container/instantiate.js';
import { BootCancelledError } from './errors/BootCancelledError.js';
import { describeError } from './errors/describeError.js';
import { DuplicateComponentError } from './errors/DuplicateComponentError.js';
import { InvalidOptionError } from './errors/InvalidOptionError.js';
import { checkWaitLimit, isPriority, maxTimerMs } from './component/validateOptions.js';
import { RegistrationClosedError } from './errors/RegistrationClosedError.js';
import { HealthMonitor } from './lifecycle/HealthMonitor.js';
import type { MonitorHandle, MonitorOptions } from './lifecycle/MonitorOptions.js';
import { recoverInPlace } from './lifecycle/recoverInPlace.js';
import type { ShutdownReport } from './lifecycle/ShutdownReport.js';
import { ShutdownHooks } from './lifecycle/ShutdownHooks.js';
import type { ShutdownHooksOptions, ShutdownOptions } from './lifecycle/ShutdownOptions.js';
import { runShutdown } from './lifecycle/runShutdown.js';
import type { BootProgress } from './readiness/BootProgress.js';
import type { ComponentEvent } from './readiness/ComponentEvent.js';
import { ComponentStates } from './readiness/ComponentStates.js';
import type { Phase } from './readiness/Phase.js';
import { Readiness } from './readiness/Readiness.js';
import { waitTimeout } from './readiness/waitTimeout.js';
import { WaveQueries } from './readiness/WaveQueries.js';
import type { BootReport } from './report/BootReport.js';
import { buildReport } from './report/buildReport.js';
import { InFlight } from './run/InFlight.js';
import { clockFrom, type Clock } from './run/Clock.js';
import { disposeDiscarded } from './run/dispose.js';
import { messageOf, runComponent, type RunEnvironment } from './run/runComponent.js';
import { LoadEngine } from './schedule/LoadEngine.js';
import { resolveWarmupOptions, type ResolvedWarmupOptions, type WarmupOptions } from './WarmupOptions.js';

/**
 * Options of the waiting helpers (`whenReady`, `waitFor`, `waitForCritical`).
 *
 * @example
 * ```ts
 * await warmup.waitForCritical({ timeout: 10_000 });
 * ```
 */
export interface WaitOptions {
  /** Give up after this many ms (rejects with ComponentNotReadyError). Default: wait as long as it takes. */
  readonly timeout?: number;
}

/**
 * The facade: registers components into your inversify `Container`, boots them in priority waves,
 * and exposes readiness. It holds no algorithm itself; see `docs/architecture.md` for where each
 * part lives.
 *
 * @example
 * ```ts
 * const container = new Container();
 * const warmup = new Warmup(container, { maxConcurrent: 8 });
 * warmup.register(Config, Db, Api);
 * const report = await warmup.boot();
 * container.get(Api); // the warm singleton
 * ```
 */
export class Warmup {
  /** The inversify container the components are bound in. */
  readonly container: Container;
  /** Every status change, attempt and warning, as it happens. */
  readonly events$: Observable<ComponentEvent>;
  /** Boot progress; replays the current value. */
  readonly progress$: Observable<BootProgress>;
  /** The container's phase; replays the current value. */
  readonly phase$: Observable<Phase>;

  readonly #options: ResolvedWarmupOptions;
  readonly #clock: Clock;
  readonly #registry = new ComponentRegistry();
  readonly #states: ComponentStates;
  readonly #readiness: Readiness;
  readonly #cancel = new AbortController();
  /** Attempts and health checks in flight, aborted together on shutdown / fail-fast. */
  readonly #inFlight = new InFlight();
  readonly #runEnv: RunEnvironment;
  readonly #bindings: ComponentBindings;
  readonly #lookup: ComponentLookup;
  readonly #waves: WaveQueries;
  #plan: BootPlan | undefined;
  #engine: LoadEngine | undefined;
  #boot: Promise<BootReport> | undefined;
  #bootStartedAt = NaN;
  #bootFinishedAt = NaN;
  #shuttingDown = false;
  #shutdown: Promise<ShutdownReport> | undefined;
  #shutdownDone = false;
  readonly #hooks = new ShutdownHooks((options) => this.shutdown(options));
  #bootRun: Promise<void> = Promise.resolve();
  readonly #monitors: HealthMonitor[] = [];
  readonly #remainingInWave = (priority: Priority): number => this.#engine!.remaining(priority);
  readonly #criticalUsable = (): boolean => this.#waves.requiredUnusable(Priority.CRITICAL) < 0;
  readonly #unrecoverable: string[] = [];

  constructor(container: Container, options?: WarmupOptions) {
    if (!isContainer(container)) {
      throw new InvalidOptionError('Warmup', 'container', 'must be an inversify Container (new Warmup(new Container(), options))', container);
    }
    this.container = container;
    this.#options = resolveWarmupOptions(options);
    this.#clock = clockFrom(this.#options.scheduler);
    this.#states = new ComponentStates(this.#registry.specs);
    this.#readiness = new Readiness(this.#states, this.#registry.specs);
    this.#waves = new WaveQueries(this.#registry.specs, this.#states, () => this.#plan?.effective);
    this.#lookup = new ComponentLookup(container, this.#registry, this.#states, () => this.#plan?.graph, (spec, error) =>
      this.#states.warn(spec.index, this.#clock.now(), `a hook failed while discarding an instance: ${describeError(error)}`),
    );
    this.#bindings = new ComponentBindings(
      container,
      this.#options.binding,
      (index) => this.#lookup.instanceOrThrow(index),
      (token) => this.#registry.indexOfToken(token),
    );
    loadOnGetAsync(container, (id) => {
      const index = this.#registry.find(id);
      if (index < 0 || this.#registry.specs[index]!.token !== id || this.#shuttingDown || isUsable(this.#states.status[index]!)) return undefined;
      return this.getAsync(id).then(noop);
    });
    this.events$ = this.#states.events.asObservable();
    this.progress$ = this.#readiness.progress$;
    this.phase$ = this.#readiness.phase.pipe(distinctUntilChanged());
    const lookup = this.#lookup;
    this.#runEnv = {
      clock: this.#clock,
      healthTimeout: this.#options.healthTimeout,
      random: this.#options.random,
      cancel: this.#cancel.signal,
      inFlight: this.#inFlight,
      instantiate: (spec, abort, attempt) => instantiate(spec, lookup, abort, attempt),
      onAttempt: (index, attempt, startedAt, finishedAt, outcome, error) =>
        this.#states.recordAttempt(index, attempt, startedAt, finishedAt, outcome, error === undefined ? undefined : messageOf(error)),
      onSettled: (index, status, instance, error, attempts, finishedAt) => this.#engine!.ran(index, status, instance, error, attempts, finishedAt),
      onBackgroundError: (spec, error) => lookup.onBackgroundError(spec, error),
    };
  }

  /**
   * Registers `@Component` classes (or any injectable class) and loader definitions, and binds each
   * token in the container. Items may also come as arrays. All items are checked first: on a bad
   * one nothing is registered.
   *
   * @example
   * ```ts
   * warmup.register(Config, Db, { token: 'cache', load: () => new Map() });
   * warmup.register(generatedDefinitions); // an array, however long
   * ```
   */
  register(...items: (Registrable | readonly Registrable[])[]): this {
    // An array is accepted too: spreading 100,000 items into a call overflows V8's argument limit.
    const list: readonly Registrable[] = items.length === 1 && Array.isArray(items[0]) ? items[0] : items.flat<(Registrable | readonly Registrable[])[], 1>();
    if (this.#engine !== undefined || this.#shuttingDown) this.#refuseLateRegistration(list);
    const base = this.#registry.size;
    // Indexed loops: these run once over every component, mostly before the JIT has optimised them,
    // and an unoptimised for...of allocates an iterator result per step.
    const specs = new Array<ComponentSpec>(list.length);
    for (let k = 0; k < list.length; k++) {
      const spec = toComponentSpec(list[k]!, base + k);
      if (this.#bindings.isTaken(spec.token)) throw new DuplicateComponentError(spec.name, 'binding');
      specs[k] = spec;
    }
    this.#registry.addAll(specs); // atomic: throws on a duplicate, keeping nothing of this batch
    this.#states.grow(specs.length);
    for (let k = 0; k < specs.length; k++) this.#bindings.add(specs[k]!);
    return this;
  }

  /**
   * Boots every non-deferred component: resolves with the report when all have settled, rejects with
   * BootError when a required one failed (CircularDependencyError / MissingDependencyError before
   * anything loads). Idempotent: every call shares one run.
   */
  boot(): Promise<BootReport> {
    this.#boot ??= this.#startBoot();
    return this.#boot;
  }

  /** True when the component's status is Ready. */
  isReady(id: ComponentId): boolean {
    return this.#states.status[this.#registry.resolve(id)] === ComponentStatus.Ready;
  }

  /** The component's status now (`pending`, `loading`, `ready`, `degraded`, `failed`, `stopped`). */
  getStatus(id: ComponentId): ComponentStatus {
    return this.#states.status[this.#registry.resolve(id)]!;
  }

  /** The instance when Ready or Degraded, else undefined. */
  getComponent<T>(id: ComponentId): T | undefined {
    const index = this.#registry.resolve(id);
    return isUsable(this.#states.status[index]!) ? (this.#states.instance[index] as T) : undefined;
  }

  /** Replays the current status, then each change (distinct). */
  status$(id: ComponentId): Observable<ComponentStatus> {
    return this.#readiness.status$(this.#registry.resolve(id));
  }

  /** Emits the instance once usable and completes; errors if the component failed. */
  ready$<T>(id: ComponentId): Observable<T> {
    return this.#readiness.ready$<T>(this.#registry.resolve(id));
  }

  /**
   * The instance, loading it first if needed: a DEFERRED component (and whatever it needs that is
   * not loaded) loads on first use, ahead of any wave, with its own timeout, retries and health
   * check. Single flight: concurrent calls share one load. Rejects with the component's error when
   * it failed (ComponentNotReadyError with the cause).
   */
  async getAsync<T>(id: ComponentId): Promise<T> {
    const index = this.#registry.resolve(id);
    if (!isUsable(this.#states.status[index]!)) {
      if (this.#shuttingDown) return this.#lookup.instanceOrThrow(index) as T;
      await this.#getEngine().demand(index);
    }
    return this.#lookup.instanceOrThrow(index) as T;
  }

  /**
   * Starts the runtime health monitor: re-runs health checks of Ready/Degraded components every
   * `interval`, degrades and recovers them in place (see {@link MonitorOptions}). Stops at shutdown.
   */
  monitor(options?: MonitorOptions): MonitorHandle {
    const monitor = new HealthMonitor(
      {
        specs: this.#registry.specs,
        states: this.#states,
        clock: this.#clock,
        healthTimeout: this.#options.healthTimeout,
        random: this.#options.random,
        cancel: this.#cancel.signal,
        recover: (i, signal) => recoverInPlace(this.#registry.specs[i]!, this.#states.instance[i], this.#clock, signal),
        setStatus: (i, status, error) => {
          if (error !== undefined) this.#states.error[i] = error;
          this.#states.set(i, status, this.#clock.now(), undefined, error);
          const spec = this.#registry.specs[i]!;
          if (status === ComponentStatus.Failed) {
            // Given up: dispose the instance and stop handing it out.
            disposeDiscarded(spec, this.#release(i), (e) => this.#runEnv.onBackgroundError(spec, e));
            if (spec.required) this.#unrecoverable.push(spec.name);
          }
        },
      },
      options,
    );
    this.#monitors.push(monitor);
    return monitor.start();
  }

  /** Names of required components the health monitor gave up on (for a liveness probe). */
  get unrecoverable(): readonly string[] {
    return this.#unrecoverable;
  }

  /**
   * Stops the container: the phase becomes `stopping` at once (readiness probes fail first), a boot
   * in progress is cancelled (in-flight loaders are aborted through their signals, nothing new
   * starts, `boot()` rejects with BootCancelledError), then `onShutdown` / `@preDestroy` hooks run
   * dependents first, independent ones in parallel, each within `shutdownTimeout`. Afterwards every
   * status is Stopped (or Failed), the streams complete and `container.get` throws. Idempotent:
   * later calls return the first call's promise (their options are ignored).
   *
   * @example
   * ```ts
   * process.on('SIGTERM', () => void warmup.shutdown({ drainMs: 5_000 }).then(() => process.exit(0)));
   * ```
   */
  shutdown(options: ShutdownOptions = {}): Promise<ShutdownReport> {
    const { drainMs = 0, beforeStop } = options;
    if (!(typeof drainMs === 'number' && drainMs >= 0 && drainMs <= maxTimerMs)) {
      throw new InvalidOptionError('shutdown', 'drainMs', `must be a number of ms between 0 and ${maxTimerMs}`, drainMs);
    }
    if (beforeStop !== undefined && typeof beforeStop !== 'function') {
      throw new InvalidOptionError('shutdown', 'beforeStop', 'must be a function (close your server here)', beforeStop);
    }
    if (this.#shutdown === undefined) {
      // Synchronously, so a readiness probe answered right after this call already fails.
      this.#shuttingDown = true;
      this.#readiness.phase.next('stopping');
      this.#shutdown = runShutdown({
        drainMs,
        beforeStop,
        specs: this.#registry.specs,
        states: this.#states,
        graph: this.#plan?.graph,
        clock: this.#clock,
        shutdownTimeout: this.#options.shutdownTimeout,
        cancelWork: () => {
          for (const monitor of this.#monitors) monitor.stop();
          this.#cancelBoot(new BootCancelledError('the container is shutting down'));
        },
        // The waves, not the boot() promise: fail-fast calls shutdown from inside that one.
        workSettled: async () => {
          await this.#engine?.whenIdle();
          await this.#bootRun;
        },
        onStopped: (i) => {
          if (this.#states.status[i] !== ComponentStatus.Failed) this.#states.set(i, ComponentStatus.Stopped, this.#clock.now());
          this.#release(i);
        },
        finish: () => {
          this.#shutdownDone = true;
          this.#hooks.removeAll();
          this.#readiness.phase.next('stopped');
          this.#readiness.complete();
          this.#states.complete();
        },
      });
    }
    return this.#shutdown;
  }

  /** The container's phase now (the last value of `phase$`, which completes at shutdown). */
  get phase(): Phase {
    return this.#readiness.phase.value;
  }

  /**
   * Calls {@link shutdown} (with these options) on the first of these process signals, then exits
   * the process with `exitCode` (default 0, or 1 if a hook failed); further signals meanwhile are
   * ignored. The listeners are removed when the shutdown is over, however it started. Returns a
   * function that removes them sooner. A list of signals is short for `{ signals }`.
   *
   * @example
   * ```ts
   * warmup.enableShutdownHooks({ drainMs: 5_000, beforeStop: () => new Promise((done) => server.close(() => done())) });
   * ```
   */
  enableShutdownHooks(options?: ShutdownHooksOptions | readonly NodeJS.Signals[]): () => void {
    if (this.#shutdownDone) return noop;
    return this.#hooks.enable(options);
  }

  /** Resolves with the instance once usable; rejects if it failed or the timeout passes first. */
  whenReady<T>(id: ComponentId, options: WaitOptions = {}): Promise<T> {
    const index = this.#registry.resolve(id);
    checkWaitLimit('whenReady', 'timeout', options.timeout);
    return firstValueFrom(waitTimeout(this.#readiness.ready$<T>(index), options.timeout, this.#options.scheduler, () => this.#culprit(index)));
  }

  /** Resolves when the CRITICAL wave is usable (see {@link waitFor}). */
  waitForCritical(options: WaitOptions = {}): Promise<void> {
    return this.waitFor(Priority.CRITICAL, options);
  }

  /**
   * Resolves when every boot component of that wave and the earlier ones has settled and every
   * required one among them is usable; rejects with its error when one of those failed.
   */
  waitFor(priority: Priority, options: WaitOptions = {}): Promise<void> {
    if (!isPriority(priority) || priority === Priority.DEFERRED) {
      return Promise.reject(
        new InvalidOptionError(
          'waitFor',
          'priority',
          'must be a boot wave: Priority.CRITICAL, HIGH, MEDIUM or LOW',
          priority,
          'DEFERRED components are not in the boot: wait for one with whenReady(id) or load it with getAsync(id).',
        ),
      );
    }
    try {
      checkWaitLimit('waitFor', 'timeout', options.timeout);
    } catch (error) {
      return Promise.reject(error);
    }
    const waves$ = this.#readiness.settledWave.pipe(
      filter((settled) => settled >= priority),
      take(1),
      map(() => {
        // A shutdown fails what was still loading or queued: that is a cancellation, not a failure.
        const phase = this.#readiness.phase.value;
        if (phase === 'stopping' || phase === 'stopped') return stoppedEarly;
        this.#waves.assertUsable(priority);
        return undefined;
      }),
    );
    const limited$ = waitTimeout(waves$, options.timeout, this.#options.scheduler, () => this.#culprit(this.#waves.firstUnusable(priority)));
    return firstValueFrom(limited$, { defaultValue: stoppedEarly }).then((value) => {
      if (value === stoppedEarly) throw new BootCancelledError(`the container stopped before the ${priorityName(priority)} wave was usable`);
    });
  }

  /**
   * True once the CRITICAL wave has settled with every required component in it usable, until
   * shutdown begins (or the boot fails): the service may take requests.
   */
  get acceptingRequests(): boolean {
    const phase = this.#readiness.phase.value;
    return phase === 'critical-ready' || phase === 'ready';
  }

  /** A report of the current state (the same shape `boot()` resolves with). */
  report(): BootReport {
    const now = this.#clock.now();
    return buildReport({
      specs: this.#registry.specs,
      states: this.#states,
      graph: this.#plan?.graph,
      effective: this.#plan?.effective,
      schedule: this.#options.schedule,
      healthOf: (i) => this.#healthOf(i),
      startedAt: Number.isNaN(this.#bootStartedAt) ? now : this.#bootStartedAt,
      finishedAt: Number.isNaN(this.#bootFinishedAt) ? now : this.#bootFinishedAt,
    });
  }

  async #startBoot(): Promise<BootReport> {
    await Promise.resolve(); // boot() never throws synchronously
    // shutdown() called in the same tick as boot(): there is nothing to cancel yet, so do not start.
    if (this.#cancel.signal.aborted) throw this.#cancel.signal.reason as Error;
    this.#bootStartedAt = this.#clock.now();
    const run = runBoot({
        specs: this.#registry.specs,
        readiness: this.#readiness,
        schedule: this.#options.schedule,
        engine: () => this.#getEngine(),
        cancelled: () => (this.#cancel.signal.aborted ? (this.#cancel.signal.reason as Error) : undefined),
        shuttingDown: () => this.#shuttingDown,
        criticalUsable: this.#criticalUsable,
        status: (i) => this.#states.status[i]!,
        report: () => {
          this.#bootFinishedAt = this.#clock.now();
          return this.report();
        },
      });
    this.#bootRun = run.then(noop, noop);
    try {
      return await run;
    } catch (error) {
      if (this.#readiness.phase.value === 'idle' || this.#readiness.phase.value === 'booting') this.#readiness.phase.next('failed');
      // fail-fast: nothing stays half-up; dispose what was ready.
      if (this.#cancel.signal.aborted && !this.#shuttingDown) await this.shutdown();
      throw error;
    }
  }

  #healthOf(index: number): ReturnType<HealthMonitor['score']> {
    for (let k = this.#monitors.length - 1; k >= 0; k--) {
      const score = this.#monitors[k]!.score(index);
      if (score !== undefined) return score;
    }
    return undefined;
  }

  #getEngine(): LoadEngine {
    if (this.#engine !== undefined) return this.#engine;
    const plan = planBoot(this.#registry, (id) => this.container.isBound(id));
    this.#plan = plan;
    this.#engine = new LoadEngine({
      specs: this.#registry.specs,
      states: this.#states,
      graph: plan.graph,
      effective: plan.effective,
      maxConcurrent: this.#options.maxConcurrent,
      memoryBudgetMb: this.#options.memoryBudgetMb,
      now: this.#clock.now,
      run: (i, startedAt) => runComponent(this.#registry.specs[i]!, this.#runEnv, startedAt),
      onSettled: (i, inBoot) => this.#onSettled(i, inBoot),
    });
    return this.#engine;
  }

  #onSettled(index: number, inBoot: boolean): void {
    if (inBoot) {
      this.#readiness.settled(index);
      // Waves settle in priority order, so only the last member of a wave can move them on.
      if (this.#engine!.remaining(this.#plan!.effective[index]!) === 0) this.#readiness.advanceWaves(this.#remainingInWave, this.#criticalUsable);
    }
    if (!inBoot || !this.#options.failFast || this.#states.status[index] !== ComponentStatus.Failed) return;
    const spec = this.#registry.specs[index]!;
    const phase = this.#readiness.phase.value;
    if ((phase === 'booting' || phase === 'critical-ready') && spec.required && !this.#cancel.signal.aborted) {
      this.#cancelBoot(new BootCancelledError(`fail-fast: required component '${spec.name}' failed`, undefined, this.#states.error[index]));
    }
  }

  #cancelBoot(reason: Error): void {
    this.#cancel.abort(reason);
    this.#engine?.stop(reason); // first: nothing new may start when the aborted ones settle
    // Abort in-flight attempts from a fresh microtask: this may run inside a settle (fail-fast),
    // and their settling must not re-enter it.
    // The set is read inside the microtask, so an attempt or health check that starts meanwhile is
    // aborted too (and the attempt loop checks the cancel signal before starting a health check).
    queueMicrotask(() => {
      this.#inFlight.abortAll(reason);
    });
  }

  /** Forgets a component's instance and drops its cached singleton; returns the instance. */
  #release(index: number): unknown {
    const instance = this.#states.instance[index];
    this.#states.instance[index] = undefined;
    this.#bindings.reset(this.#registry.specs[index]!);
    return instance;
  }

  #culprit(index: number): { name: string; status: ComponentStatus } | undefined {
    const spec = this.#registry.specs[index];
    return spec === undefined ? undefined : { name: spec.name, status: this.#states.status[index]! };
  }

  #refuseLateRegistration(items: readonly Registrable[]): never {
    const first = items[0];
    const name =
      typeof first === 'function' ? first.name : first !== undefined && 'token' in first ? (first.name ?? describeToken(first.token)) : '(none)';
    throw new RegistrationClosedError(
      name,
      this.#shuttingDown ? 'the container is shutting down' : 'the dependency graph was frozen when boot() (or getAsync) started',
      'register every component before boot(); for something needed later, register it up front with priority DEFERRED and load it with getAsync.',
    );
  }
}

function noop(): void {}

function isContainer(value: unknown): value is Container {
  const c = value as Partial<Record<'bind' | 'get' | 'isBound' | 'register', unknown>> | null;
  return typeof c === 'object' && c !== null && typeof c.bind === 'function' && typeof c.get === 'function' && typeof c.isBound === 'function';
}

const stoppedEarly = Symbol('stopped early');
