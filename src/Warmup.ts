import 'reflect-metadata/lite';
import type { Container } from 'inversify';
import type { Observable } from 'rxjs';
import type { PredictionReport } from './adaptive/LearnedReport.js';
import type { ComponentId } from './component/ComponentRegistry.js';
import { ComponentStatus } from './component/ComponentStatus.js';
import { Priority } from './component/Priority.js';
import type { Registrable } from './component/toComponentSpec.js';
import { assertContainer } from './container/assertContainer.js';
import { takeHealthSnapshot, type HealthQuery, type HealthSnapshot } from './health/HealthSnapshot.js';
import type { OperatingMode } from './health/OperatingMode.js';
import type { MonitorHandle, MonitorOptions } from './lifecycle/MonitorOptions.js';
import type { ShutdownHooksOptions, ShutdownOptions } from './lifecycle/ShutdownOptions.js';
import type { ShutdownReport } from './lifecycle/ShutdownReport.js';
import type { BootProgress } from './readiness/BootProgress.js';
import type { ComponentEvent } from './readiness/ComponentEvent.js';
import type { Phase } from './readiness/Phase.js';
import type { WaitOptions } from './readiness/Waits.js';
import type { BootReport } from './report/BootReport.js';
import { wireWarmup, type WarmupParts } from './wireWarmup.js';
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

  readonly #parts: WarmupParts;

  constructor(container: Container, options?: WarmupOptions) {
    assertContainer(container);
    const parts = (this.#parts = wireWarmup(container, resolveWarmupOptions(options)));
    this.container = container;
    this.events$ = parts.states.events.asObservable();
    this.progress$ = parts.readiness.progress$;
    this.phase$ = parts.phase.phase$;
  }

  /**
   * Registers `@Component` classes (or any injectable class) and loader definitions, also as arrays,
   * and binds each token in the container. The whole call is checked first: on a bad item nothing is
   * registered.
   * @example `warmup.register(Config, Db, { token: 'cache', load: () => new Map() });`
   */
  register(...items: (Registrable | readonly Registrable[])[]): this {
    this.#parts.registrar.register(items);
    return this;
  }

  /**
   * Boots every non-deferred component: resolves with the report when all have settled, rejects with
   * BootError when a required one failed (CircularDependencyError / MissingDependencyError before
   * anything loads). Idempotent: every call shares one run.
   * @example `const report = await warmup.boot();`
   */
  boot(): Promise<BootReport> {
    return this.#parts.boot.start();
  }

  /** True when the component's status is Ready. @example `if (warmup.isReady(Db)) serve();` */
  isReady(id: ComponentId): boolean {
    return this.getStatus(id) === ComponentStatus.Ready;
  }

  /** The component's status now (`pending`, `loading`, `ready`, `degraded`, `failed`, `stopped`). @example `warmup.getStatus('db'); // 'loading'` */
  getStatus(id: ComponentId): ComponentStatus {
    return this.#parts.states.status[this.#parts.registry.resolve(id)]!;
  }

  /** The instance when Ready or Degraded, else undefined. @example `const db = warmup.getComponent<Db>(Db);` */
  getComponent<T>(id: ComponentId): T | undefined {
    return this.#parts.states.usableInstance(this.#parts.registry.resolve(id)) as T | undefined;
  }

  /** The status now, then each change (distinct); completes at shutdown. @example `warmup.status$(Db).subscribe(log.info);` */
  status$(id: ComponentId): Observable<ComponentStatus> {
    return this.#parts.readiness.status$(this.#parts.registry.resolve(id));
  }

  /** Emits the instance once usable and completes; errors if it failed. @example `warmup.ready$<Db>(Db).subscribe(serve);` */
  ready$<T>(id: ComponentId): Observable<T> {
    return this.#parts.readiness.ready$<T>(this.#parts.registry.resolve(id));
  }

  /**
   * The instance, loading it (and what it needs) first, now, ahead of the waves, with its timeout,
   * retries and health check; concurrent calls share one load. Rejects with ComponentNotReadyError
   * (with the cause) when it failed, or when shutdown began first.
   * @example `const model = await warmup.getAsync(BigModel); // DEFERRED: loaded on first use`
   */
  async getAsync<T>(id: ComponentId): Promise<T> {
    return (await this.#parts.loads.instance(this.#parts.registry.resolve(id))) as T;
  }

  /**
   * Starts the runtime health monitor: re-checks usable components on their own schedule, degrades and recovers them in
   * place ({@link MonitorOptions}, docs/lifecycle.md#runtime-health-monitor). Stops at shutdown.
   * @example `warmup.monitor({ interval: 10_000, failureThreshold: 3 });`
   */
  monitor(options?: MonitorOptions): MonitorHandle {
    return this.#parts.monitors.start(options);
  }

  /**
   * The cached health of every component (or those with a tag): status, score, mode, when last
   * checked, whether that result is still fresh. Never waits on a running check (docs/lifecycle.md#health-model).
   * @example `warmup.health({ tag: 'db' }).components.db?.mode; // 'normal'`
   */
  health(options?: HealthQuery): HealthSnapshot {
    return takeHealthSnapshot(this.#parts.healthSource, options);
  }

  /**
   * The component's operating mode now: `'offline'` unless usable, else the mode its last health
   * score maps to (`'full'` before any check). docs/lifecycle.md#progressive-health.
   * @example `if (warmup.mode(Search) === 'minimal') return cached(query);`
   */
  mode(id: ComponentId): OperatingMode {
    return this.#parts.health.mode(this.#parts.registry.resolve(id));
  }

  /** The operating mode now, then each change (distinct); completes at shutdown. @example `warmup.mode$(Search).subscribe(setBudget);` */
  mode$(id: ComponentId): Observable<OperatingMode> {
    return this.#parts.health.mode$(this.#parts.registry.resolve(id));
  }

  /** Required components the health monitor gave up on (a liveness probe). @example `if (warmup.unrecoverable.length > 0) exit(1);` */
  get unrecoverable(): readonly string[] {
    return this.#parts.monitors.unrecoverable;
  }

  /**
   * Stops the container (docs/lifecycle.md#shutdown): phase `stopping` at once, a boot in progress
   * cancelled, the drain, `beforeStop`, then every component's hooks, dependents first, each within
   * its `shutdownTimeout`; then the streams complete. Idempotent: later calls share the first one.
   * @example `process.on('SIGTERM', () => void warmup.shutdown({ drainMs: 5_000 }));`
   */
  shutdown(options?: ShutdownOptions): Promise<ShutdownReport> {
    return this.#parts.shutdown.start(options);
  }

  /** `await using`: leaving the block runs {@link shutdown} with its defaults. @example `await using warmup = new Warmup(container);` */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#parts.shutdown.start();
  }

  /** The container's phase now (the last value of `phase$`). @example `if (warmup.phase === 'stopping') return;` */
  get phase(): Phase {
    return this.#parts.phase.value;
  }

  /**
   * Calls {@link shutdown} with these options on the first of these signals, then exits with
   * `exitCode` (default 0, 1 if a hook failed); later signals are ignored. The listeners go when the
   * shutdown is over; the returned function removes them sooner. A list is short for `{ signals }`.
   * @example `warmup.enableShutdownHooks({ drainMs: 5_000, beforeStop: () => closeServer() });`
   */
  enableShutdownHooks(options?: ShutdownHooksOptions | readonly NodeJS.Signals[]): () => void {
    return this.#parts.shutdown.enableHooks(options);
  }

  /** The instance once usable; rejects if it failed or the timeout passed first. @example `await warmup.whenReady<Db>(Db, { timeout: 5_000 });` */
  whenReady<T>(id: ComponentId, options: WaitOptions = {}): Promise<T> {
    return this.#parts.waits.whenReady<T>(this.#parts.registry.resolve(id), options);
  }

  /** Resolves when the CRITICAL wave is usable (see {@link waitFor}). @example `await warmup.waitForCritical({ timeout: 10_000 });` */
  waitForCritical(options: WaitOptions = {}): Promise<void> {
    return this.#parts.waits.waitFor(Priority.CRITICAL, options);
  }

  /**
   * Resolves when every boot member of that wave and the earlier ones settled with every required
   * one usable; rejects with the error of one that failed, BootCancelledError when the container
   * stopped first, InvalidOptionError for a priority that is not a boot wave.
   * @example `await warmup.waitFor(Priority.HIGH);`
   */
  waitFor(priority: Priority, options: WaitOptions = {}): Promise<void> {
    return this.#parts.waits.waitFor(priority, options);
  }

  /**
   * True once the CRITICAL wave has settled with every required component in it usable, until
   * shutdown begins (or the boot fails): the service may take requests.
   * @example `app.get('/readyz', (_req, res) => res.status(warmup.acceptingRequests ? 200 : 503).end());`
   */
  get acceptingRequests(): boolean {
    return this.#parts.phase.acceptingRequests;
  }

  /**
   * Runs `fn` as a unit of work of `kind` (a request type, a job): the components it uses, however deep in its async calls,
   * are recorded for that kind, so {@link prepare} can load them ahead next time. Scopes nest; concurrent kinds stay apart.
   * @example `app.post('/search', (req, res) => warmup.track('search', () => search(req, res)));`
   */
  track<T>(kind: string, fn: () => T | Promise<T>): Promise<T> {
    return this.#parts.learning.tracker.track(kind, fn);
  }

  /**
   * A unit of work of `kind` is about to start: loads the DEFERRED components it used with confidence ≥ 0.75 over earlier
   * {@link track} runs, and runs the cheap `prepare()` hook of those above 0.2 (docs/adaptive.md#5-predictive-preloading).
   * @example `warmup.prepare('vision'); // the user opened the camera: the model starts loading now`
   */
  prepare(kind: string): PredictionReport {
    return this.#parts.preloader.prepare(kind);
  }

  /** Keeps a component with `idle: { after }` hot: never released for idleness or the memory budget. @example `warmup.pin(BigModel);` */
  pin(id: ComponentId): void {
    this.#parts.idle.pin(this.#parts.registry.resolve(id));
  }

  /** A report of the current state (the same shape `boot()` resolves with), a snapshot. @example `console.table(warmup.report().components);` */
  report(): BootReport {
    return this.#parts.boot.report();
  }
}

