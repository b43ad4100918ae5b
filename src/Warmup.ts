import 'reflect-metadata/lite';
import type { Container } from 'inversify';
import type { Observable } from 'rxjs';
import { Learning } from './adaptive/Learning.js';
import type { PredictionReport } from './adaptive/LearnedReport.js';
import { Preloader } from './adaptive/Preloader.js';
import { IdleReleaser } from './adaptive/IdleReleaser.js';
import { SnapshotCache } from './adaptive/SnapshotCache.js';
import { Boot } from './boot/Boot.js';
import { Loads } from './boot/Loads.js';
import { Planner } from './boot/Planner.js';
import { ComponentRegistry, type ComponentId } from './component/ComponentRegistry.js';
import { ComponentStatus } from './component/ComponentStatus.js';
import { Priority } from './component/Priority.js';
import { Registrar } from './component/Registrar.js';
import type { Registrable } from './component/toComponentSpec.js';
import { assertContainer } from './container/assertContainer.js';
import { ComponentBindings } from './container/ComponentBindings.js';
import { ComponentFactory } from './container/ComponentFactory.js';
import { ComponentLookup } from './container/ComponentLookup.js';
import { HealthRecords } from './health/HealthRecords.js';
import { takeHealthSnapshot, type HealthQuery, type HealthSnapshot, type HealthSource } from './health/HealthSnapshot.js';
import type { OperatingMode } from './health/OperatingMode.js';
import type { MonitorHandle, MonitorOptions } from './lifecycle/MonitorOptions.js';
import { Monitors } from './lifecycle/Monitors.js';
import { Shutdown } from './lifecycle/Shutdown.js';
import type { ShutdownHooksOptions, ShutdownOptions } from './lifecycle/ShutdownOptions.js';
import type { ShutdownReport } from './lifecycle/ShutdownReport.js';
import type { BootProgress } from './readiness/BootProgress.js';
import type { ComponentEvent } from './readiness/ComponentEvent.js';
import { ComponentStates } from './readiness/ComponentStates.js';
import { PhaseMachine, type Phase } from './readiness/Phase.js';
import { Readiness } from './readiness/Readiness.js';
import { Waits, type WaitOptions } from './readiness/Waits.js';
import type { BootReport } from './report/BootReport.js';
import { clockFrom } from './run/Clock.js';
import { resolveWarmupOptions, type WarmupOptions } from './WarmupOptions.js';

/**
 * The facade: registers components into your inversify `Container`, boots them in priority waves,
 * and exposes readiness. It wires its collaborators once and delegates every call to one of them;
 * `docs/architecture.md` says where each part lives.
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
  /** The container's phase; replays the current value, completes after `stopped`. */
  readonly phase$: Observable<Phase>;

  readonly #registry = new ComponentRegistry();
  readonly #states: ComponentStates;
  readonly #phase = new PhaseMachine();
  readonly #readiness: Readiness;
  readonly #registrar: Registrar;
  readonly #loads: Loads;
  readonly #boot: Boot;
  readonly #waits: Waits;
  readonly #monitors: Monitors;
  readonly #shutdown: Shutdown;
  readonly #health: HealthRecords;
  readonly #healthSource: HealthSource;
  readonly #learning: Learning;
  readonly #preloader: Preloader;
  readonly #idle: IdleReleaser;

  constructor(container: Container, options?: WarmupOptions) {
    assertContainer(container);
    const resolved = resolveWarmupOptions(options);
    const clock = clockFrom(resolved.scheduler);
    const registry = this.#registry;
    const { specs } = registry;
    const states = (this.#states = new ComponentStates(specs));
    const readiness = (this.#readiness = new Readiness(states, specs, this.#phase));
    const health = (this.#health = new HealthRecords(specs, states));
    const snapshots = new SnapshotCache(specs, states, clock, resolved.cache);
    const learning = (this.#learning = new Learning(specs, states, clock, resolved.profile, snapshots));
    const planner = new Planner(registry, container, learning);
    const phase = this.#phase;
    const idle = (this.#idle = new IdleReleaser({ specs, states, clock, usage: learning.usage, graph: () => planner.graph, release: (i) => loads.release(i), forget: (s) => bindings.release(s), stopping: () => phase.stopping }));
    const lookup = new ComponentLookup(container, registry, states, planner, idle);
    const factory = new ComponentFactory(container, lookup, states, clock, registry, resolved.construction, snapshots);
    const loads = (this.#loads = new Loads({ specs, states, readiness, planner, clock, options: resolved, factory, instances: lookup, health, learning, idle }));
    const bindings = new ComponentBindings({ container, strategy: resolved.binding, registry, states, instances: lookup, onDemand: loads, usage: learning.usage });
    this.#registrar = new Registrar(registry, states, bindings, { planner, phase: this.#phase });
    const { healthTimeout, shutdownTimeout, random } = resolved;
    const monitors = (this.#monitors = new Monitors({ specs, states, plan: planner, loads, bindings, clock, healthTimeout, shutdownTimeout, random, health }));
    this.#shutdown = new Shutdown({ specs, states, readiness, plan: planner, work: loads, monitors, bindings, clock, shutdownTimeout, adaptive: [learning, snapshots] });
    const stopper = { shutdown: () => this.#shutdown.start() };
    this.#boot = new Boot({ specs, states, readiness, planner, loads, clock, schedule: resolved.schedule, failFast: resolved.failFast, health: monitors, checks: health, stopper, learning, snapshots, idle });
    this.#healthSource = { specs, states, records: health, clock, healthTimeout, periodOf: (i) => monitors.periodOf(i) };
    const { kinds, predictions } = learning;
    this.#preloader = new Preloader({ specs, states, clock, kinds, predictions, options: resolved.profile.predictor ?? {}, effective: () => planner.effective, demand: (i) => loads.demand(i) });
    this.#waits = new Waits(specs, readiness, loads.waves, resolved.scheduler);
    this.container = container;
    this.events$ = states.events.asObservable();
    this.progress$ = readiness.progress$;
    this.phase$ = this.#phase.phase$;
  }

  /**
   * Registers `@Component` classes (or any injectable class) and loader definitions, also as arrays,
   * and binds each token in the container. The whole call is checked first: on a bad item nothing is
   * registered.
   * @example `warmup.register(Config, Db, { token: 'cache', load: () => new Map() });`
   */
  register(...items: (Registrable | readonly Registrable[])[]): this {
    this.#registrar.register(items);
    return this;
  }

  /**
   * Boots every non-deferred component: resolves with the report when all have settled, rejects with
   * BootError when a required one failed (CircularDependencyError / MissingDependencyError before
   * anything loads). Idempotent: every call shares one run.
   * @example `const report = await warmup.boot();`
   */
  boot(): Promise<BootReport> {
    return this.#boot.start();
  }

  /** True when the component's status is Ready. @example `if (warmup.isReady(Db)) serve();` */
  isReady(id: ComponentId): boolean {
    return this.getStatus(id) === ComponentStatus.Ready;
  }

  /** The component's status now (`pending`, `loading`, `ready`, `degraded`, `failed`, `stopped`). @example `warmup.getStatus('db'); // 'loading'` */
  getStatus(id: ComponentId): ComponentStatus {
    return this.#states.status[this.#registry.resolve(id)]!;
  }

  /** The instance when Ready or Degraded, else undefined. @example `const db = warmup.getComponent<Db>(Db);` */
  getComponent<T>(id: ComponentId): T | undefined {
    return this.#states.usableInstance(this.#registry.resolve(id)) as T | undefined;
  }

  /**
   * Replays the current status, then each change (distinct); completes at shutdown.
   * @example `warmup.status$(Db).subscribe((status) => log.info({ status }));`
   */
  status$(id: ComponentId): Observable<ComponentStatus> {
    return this.#readiness.status$(this.#registry.resolve(id));
  }

  /**
   * Emits the instance once usable and completes; errors if the component failed.
   * @example `warmup.ready$<Db>(Db).subscribe((db) => db.query('select 1'));`
   */
  ready$<T>(id: ComponentId): Observable<T> {
    return this.#readiness.ready$<T>(this.#registry.resolve(id));
  }

  /**
   * The instance, loading it (and what it needs) first, now, ahead of the waves, with its timeout,
   * retries and health check; concurrent calls share one load. Rejects with ComponentNotReadyError
   * (with the cause) when it failed, or when shutdown began first.
   * @example `const model = await warmup.getAsync(BigModel); // DEFERRED: loaded on first use`
   */
  async getAsync<T>(id: ComponentId): Promise<T> {
    return (await this.#loads.instance(this.#registry.resolve(id))) as T;
  }

  /**
   * Starts the runtime health monitor: re-runs health checks of Ready/Degraded components (each
   * after its `health.delay`, then every `health.period`, default `interval`; at most `concurrency`
   * at once), degrades and recovers them in place (see {@link MonitorOptions}). Stops at shutdown.
   * @example `warmup.monitor({ interval: 10_000, failureThreshold: 3 });`
   */
  monitor(options?: MonitorOptions): MonitorHandle {
    return this.#monitors.start(options);
  }

  /**
   * The cached health of every component (or those with a tag): status, score, mode, when last
   * checked, whether that result is still fresh. Never waits on a running check (docs/lifecycle.md#health-model).
   * @example `warmup.health({ tag: 'db' }).components.db?.mode; // 'normal'`
   */
  health(options?: HealthQuery): HealthSnapshot {
    return takeHealthSnapshot(this.#healthSource, options);
  }

  /**
   * The component's operating mode now: `'offline'` unless usable, else the mode its last health
   * score maps to (`'full'` before any check). docs/lifecycle.md#progressive-health.
   * @example `if (warmup.mode(Search) === 'minimal') return cached(query);`
   */
  mode(id: ComponentId): OperatingMode {
    return this.#health.mode(this.#registry.resolve(id));
  }

  /**
   * The component's operating mode now, then each change (distinct); completes at shutdown.
   * @example `warmup.mode$(Search).subscribe((mode) => search.setBudget(mode));`
   */
  mode$(id: ComponentId): Observable<OperatingMode> {
    return this.#health.mode$(this.#registry.resolve(id));
  }

  /**
   * Names of required components the health monitor gave up on (for a liveness probe).
   * @example `if (warmup.unrecoverable.length > 0) process.exitCode = 1;`
   */
  get unrecoverable(): readonly string[] {
    return this.#monitors.unrecoverable;
  }

  /**
   * Stops the container (docs/lifecycle.md#shutdown): phase `stopping` at once, a boot in progress
   * cancelled, the drain, `beforeStop`, then every component's hooks, dependents first, each within
   * its `shutdownTimeout`; then the streams complete. Idempotent: later calls share the first one.
   * @example `process.on('SIGTERM', () => void warmup.shutdown({ drainMs: 5_000 }));`
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    return this.#shutdown.start(options);
  }

  /**
   * `await using` support: leaving the block shuts the container down ({@link shutdown} with its
   * defaults), components in reverse dependency order. Resolves when the shutdown is over.
   * @example `await using warmup = new Warmup(new Container()); await warmup.register(Db).boot();`
   */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#shutdown.start();
  }

  /** The container's phase now (the last value of `phase$`). @example `if (warmup.phase === 'stopping') return;` */
  get phase(): Phase {
    return this.#phase.value;
  }

  /**
   * Calls {@link shutdown} with these options on the first of these signals, then exits with
   * `exitCode` (default 0, 1 if a hook failed); later signals are ignored. The listeners go when the
   * shutdown is over; the returned function removes them sooner. A list is short for `{ signals }`.
   * @example `warmup.enableShutdownHooks({ drainMs: 5_000, beforeStop: () => closeServer() });`
   */
  enableShutdownHooks(options?: ShutdownHooksOptions | readonly NodeJS.Signals[]): () => void {
    return this.#shutdown.enableHooks(options);
  }

  /**
   * Resolves with the instance once usable; rejects if it failed or the timeout passes first.
   * @example `const db = await warmup.whenReady<Db>(Db, { timeout: 5_000 });`
   */
  whenReady<T>(id: ComponentId, options: WaitOptions = {}): Promise<T> {
    return this.#waits.whenReady<T>(this.#registry.resolve(id), options);
  }

  /** Resolves when the CRITICAL wave is usable (see {@link waitFor}). @example `await warmup.waitForCritical({ timeout: 10_000 });` */
  waitForCritical(options: WaitOptions = {}): Promise<void> {
    return this.#waits.waitFor(Priority.CRITICAL, options);
  }

  /**
   * Resolves when every boot member of that wave and the earlier ones settled with every required
   * one usable; rejects with the error of one that failed, BootCancelledError when the container
   * stopped first, InvalidOptionError for a priority that is not a boot wave.
   * @example `await warmup.waitFor(Priority.HIGH);`
   */
  waitFor(priority: Priority, options: WaitOptions = {}): Promise<void> {
    return this.#waits.waitFor(priority, options);
  }

  /**
   * True once the CRITICAL wave has settled with every required component in it usable, until
   * shutdown begins (or the boot fails): the service may take requests.
   * @example `app.get('/readyz', (_req, res) => res.status(warmup.acceptingRequests ? 200 : 503).end());`
   */
  get acceptingRequests(): boolean {
    return this.#phase.acceptingRequests;
  }

  /**
   * Runs `fn` as a unit of work of `kind` (a request type, a job): the components it uses
   * (`container.get`, `getAsync`, however deep in its async calls) are recorded for that kind, so
   * {@link prepare} can load them ahead next time. Scopes nest; concurrent kinds stay apart.
   * @example `app.post('/search', (req, res) => warmup.track('search', () => search(req, res)));`
   */
  track<T>(kind: string, fn: () => T | Promise<T>): Promise<T> {
    return this.#learning.tracker.track(kind, fn);
  }

  /**
   * A unit of work of `kind` is about to start: loads in the background the DEFERRED components that
   * kind used with confidence ≥ 0.75 (hits ÷ (hits + misses) over earlier {@link track} runs), and
   * runs only the cheap `prepare()` hook of those between 0.2 and 0.75. Returns what it did; the
   * next `track(kind, …)` records what was really used (both in `report().learned.predictions`).
   * @example `warmup.prepare('vision'); // the user opened the camera: the model starts loading now`
   */
  prepare(kind: string): PredictionReport {
    return this.#preloader.prepare(kind);
  }

  /**
   * Keeps a component with `idle: { after }` hot: it is never released for idleness or to make room
   * in the memory budget.
   * @example `warmup.pin(BigModel); // the demo day: no cold start`
   */
  pin(id: ComponentId): void {
    this.#idle.pin(this.#registry.resolve(id));
  }

  /** A report of the current state (the same shape `boot()` resolves with), a snapshot. @example `console.table(warmup.report().components);` */
  report(): BootReport {
    return this.#boot.report();
  }
}

