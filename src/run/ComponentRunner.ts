import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { retryDelay } from '../component/RetryPolicy.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { AttemptOutcome } from '../readiness/AttemptRecord.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { StepTags, StepWork } from '../component/WarmupContext.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { AttemptDetail, type SealedDetail } from './AttemptDetail.js';
import type { AttemptHandle } from './AttemptHandle.js';
import { runStep, type StepHost } from './runStep.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import { checkHealth, hasHealthCheck, unhealthyError } from './checkHealth.js';
import type { Clock } from './Clock.js';
import { Deadline } from './Deadline.js';
import { disposeDiscarded } from './dispose.js';
import type { InFlight } from './InFlight.js';

/** Creates one attempt's instance: construction and warm-up of a class, or the loader. */
export interface InstanceFactory {
  create(spec: ComponentSpec, handle: AttemptHandle, attempt: number): Promise<unknown>;
}

/** Where a component's load ends: told exactly once per {@link ComponentRunner.run}. */
export interface LoadSink {
  /**
   * `finishedAt` is the clock reading of the last attempt's end; `instance` is set for Ready and
   * Degraded, `error` for Degraded and Failed.
   */
  settle(
    index: number,
    status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed,
    instance: unknown,
    error: Error | undefined,
    attempts: number,
    finishedAt: number,
  ): void;
}

/** What every attempt needs, built once per Warmup. */
export interface RunEnvironment {
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  /** Aborted on shutdown or fail-fast: checked where an attempt would start anew. */
  readonly cancel: AbortSignal;
  /** Attempts, health checks and backoffs in flight, so a cancellation reaches them all. */
  readonly inFlight: InFlight;
  readonly factory: InstanceFactory;
  /** Where attempts and warnings are recorded. */
  readonly states: ComponentStates;
  /** Where health results are kept (the cache probes read). */
  readonly health: HealthRecords;
}

/**
 * The attempt loop of a component: each attempt runs under its own timeout and abort, then the health
 * check under its own; failures retry with the component's backoff while attempts remain. An
 * instance that stays unhealthy after the last attempt is kept (Degraded). The sink is told exactly
 * once; a cancellation (shutdown or fail-fast) ends the loop at once, also during a backoff, and
 * disposes any instance it holds.
 *
 * This runs once per component, so it is written for the 100,000-component boot: callbacks rather
 * than `async`/`await`, one {@link Attempt} object per attempt (a {@link Deadline}: at once the
 * abort, the timer, the in-flight entry and the promise handlers), and no record or outcome objects
 * on the way out.
 */
export class ComponentRunner {
  constructor(
    readonly env: RunEnvironment,
    readonly sink: LoadSink,
  ) {}

  /** Starts attempt `attempt` (1 by default) at `startedAt` (the component's start as recorded). */
  run(spec: ComponentSpec, startedAt: number, attempt = 1): void {
    new Attempt(this, spec, attempt, startedAt).start();
  }
}

/**
 * One attempt: whichever of value, error, timeout or cancellation comes first ends it. It is also
 * the handle its work controls it by: steps and timeout extensions, recorded in an
 * {@link AttemptDetail} made only when the work first uses either.
 */
class Attempt extends Deadline<unknown> implements StepHost {
  /** When the attempt was aborted while its work still ran (NaN otherwise, or once that work settled). */
  #abandonedAt = NaN;
  /** True once the work was still running a tick after the abort, and that was reported. */
  #announced = false;
  #detail: AttemptDetail | undefined = undefined;

  constructor(
    readonly runner: ComponentRunner,
    readonly spec: ComponentSpec,
    readonly attempt: number,
    readonly startedAt: number,
  ) {
    super(runner.env.clock, runner.env.inFlight);
  }

  start(): void {
    const { env } = this.runner;
    this.enter();
    const work = env.factory.create(this.spec, this, this.attempt);
    // The timer counts from the attempt's start, but is armed once the loader has been called: the
    // first arming of a process sets up the scheduler (~0.5 ms cold), which then overlaps the load
    // instead of delaying it. The promise handlers run in a later microtask, so none can come first.
    this.race(work, this.spec.timeout, this.startedAt);
  }

  protected won(instance: unknown): void {
    loaded(this, instance);
  }

  protected lost(reason: unknown): void {
    if (this.aborted) this.#watchAbandoned();
    failed(this, reason);
  }

  protected override late(instance: unknown): void {
    this.#abandonedSettled('it returned an instance, which was disposed');
    discard(this, instance);
  }

  protected override onError(error: unknown): void {
    super.onError(error);
    if (!Number.isNaN(this.#abandonedAt)) this.#abandonedSettled('it failed');
  }

  protected override expired(): unknown {
    const { spec, attempt } = this;
    if (spec.maxTimeout === spec.timeout) return new ComponentTimeoutError(spec.name, spec.timeout, 'load', attempt);
    const extended = this.#detail?.deadline ?? NaN;
    return new ComponentTimeoutError(spec.name, spec.timeout, 'load', attempt, {
      extensions: this.#detail?.extensionCount ?? 0,
      deadlineMs: Number.isNaN(extended) ? spec.timeout : extended - this.startedAt,
      maxTimeoutMs: spec.maxTimeout,
    });
  }

  // The timer fired at the old deadline, but the work moved it: wait for the new one.
  protected override postponed(): boolean {
    const detail = this.#detail;
    if (detail === undefined || !(detail.deadline > this.clock.now())) return false;
    this.rearm(detail.armMs, detail.armFrom);
    return true;
  }

  // StepHost / AttemptHandle: what the work's context calls.
  get componentName(): string {
    return this.spec.name;
  }

  now(): number {
    return this.clock.now();
  }

  detail(): AttemptDetail | undefined {
    if (this.over) return undefined; // the record is written: later steps are not part of it
    return (this.#detail ??= new AttemptDetail());
  }

  step<T>(name: string, fn: StepWork<T>, tags: StepTags | undefined, parent: number): Promise<Awaited<T>> {
    return runStep(this, name, fn, tags, parent);
  }

  extendTimeout(ms: number): number {
    const { spec, startedAt } = this;
    if (!(typeof ms === 'number' && ms >= 0)) throw new InvalidOptionError(spec.name, 'extendTimeout', 'takes a number of ms ≥ 0', ms);
    if (this.over) return NaN;
    const current = Number.isNaN(this.#detail?.deadline ?? NaN) ? startedAt + spec.timeout : this.#detail!.deadline;
    const at = this.clock.now();
    const limit = startedAt + spec.maxTimeout;
    const capped = at + ms > limit;
    const deadline = capped ? limit : at + ms;
    if (!(deadline > current)) return current;
    // The timer keeps its old deadline: when it fires, postponed() arms it again for this one.
    // Armed as (ms from at) or (maxTimeout from the start), so timers share lists by duration.
    this.detail()!.extended(at, deadline, capped ? spec.maxTimeout : ms, capped ? startedAt : at, capped);
    return deadline;
  }

  /** The steps and extensions for the attempt's record, or undefined when it had none. */
  sealed(finishedAt: number): SealedDetail | undefined {
    return this.#detail?.seal(finishedAt);
  }

  /**
   * An aborted attempt whose work is still running after the abort's tick ignores its signal: say so
   * (once), and again when it finally settles. Loaders that honour their signal settle at once.
   */
  #watchAbandoned(): void {
    const { clock, states } = this.runner.env;
    this.#abandonedAt = clock.now();
    clock.setTimeout(() => {
      if (Number.isNaN(this.#abandonedAt)) return;
      this.#announced = true;
      states.abandon(this.spec.index, this.attempt, clock.now());
    }, 0);
  }

  #abandonedSettled(how: string): void {
    const since = this.#abandonedAt;
    this.#abandonedAt = NaN;
    if (!this.#announced) return;
    const { clock, states } = this.runner.env;
    const at = clock.now();
    states.abandonedSettled(this.spec.index, this.attempt, at, `${how} ${Math.round(at - since)} ms after it was abandoned`);
  }
}

function loaded(run: Attempt, instance: unknown): void {
  const { spec, runner, attempt, startedAt } = run;
  const { env, sink } = runner;
  if (env.cancel.aborted) {
    // Cancelled in the same tick the value arrived: nobody will use it.
    discard(run, instance);
    failed(run, env.cancel.reason);
    return;
  }
  if (!hasHealthCheck(spec, instance)) {
    const finishedAt = env.clock.now();
    env.states.recordAttempt(spec.index, attempt, startedAt, finishedAt, 'ready', undefined, run.sealed(finishedAt));
    sink.settle(spec.index, ComponentStatus.Ready, instance, undefined, attempt, finishedAt);
    return;
  }
  env.health.begin(spec.index);
  checkHealth({ spec, instance, clock: env.clock, timeoutMs: spec.healthTimeout ?? env.healthTimeout, inFlight: env.inFlight, attempt }).then(
    (evaluation) => {
      const finishedAt = env.clock.now();
      if (env.health.record(spec.index, instance, evaluation, finishedAt) !== 'offline') {
        env.states.recordAttempt(spec.index, attempt, startedAt, finishedAt, 'ready', undefined, run.sealed(finishedAt));
        sink.settle(spec.index, ComponentStatus.Ready, instance, undefined, attempt, finishedAt);
        return;
      }
      const unhealthy = unhealthyError(spec, evaluation, attempt);
      env.states.recordAttempt(spec.index, attempt, startedAt, finishedAt, 'unhealthy', unhealthy, run.sealed(finishedAt));
      if (attempt > spec.retry.count) {
        sink.settle(spec.index, ComponentStatus.Degraded, instance, unhealthy, attempt, finishedAt);
        return;
      }
      discard(run, instance);
      retry(run);
    },
    (cancelled: unknown) => {
      env.health.cancel(spec.index);
      discard(run, instance); // cut short by shutdown: nobody will use it
      failed(run, cancelled);
    },
  );
}

function failed(run: Attempt, thrown: unknown): void {
  const { spec, runner, attempt, startedAt } = run;
  const { env, sink } = runner;
  const { cancel } = env;
  const error = normalise(spec, thrown, attempt, cancel);
  const finishedAt = env.clock.now();
  env.states.recordAttempt(spec.index, attempt, startedAt, finishedAt, outcomeOf(error, cancel), error, run.sealed(finishedAt));
  if (cancel.aborted || attempt > spec.retry.count) {
    sink.settle(spec.index, ComponentStatus.Failed, undefined, error, attempt, finishedAt);
    return;
  }
  retry(run);
}

function outcomeOf(error: PreheatError, cancel: AbortSignal): AttemptOutcome {
  if (cancel.aborted) return 'cancelled';
  return error.code === ErrorCode.Timeout ? 'timeout' : 'failed';
}

function retry(run: Attempt): void {
  const { spec, runner, attempt } = run;
  let delay: number;
  try {
    delay = retryDelay(spec.retry, attempt, runner.env.random);
  } catch (error) {
    // A `random` that answers outside [0, 1): the component fails with that InvalidOptionError.
    runner.sink.settle(spec.index, ComponentStatus.Failed, undefined, error as PreheatError, attempt, runner.env.clock.now());
    return;
  }
  new Backoff(runner, spec, attempt).start(delay);
}

/** The wait before the next attempt; a cancellation ends it (and the loop) at once. */
class Backoff extends Deadline<void> {
  constructor(
    readonly runner: ComponentRunner,
    readonly spec: ComponentSpec,
    readonly attempt: number,
  ) {
    super(runner.env.clock, runner.env.inFlight);
  }

  start(delay: number): void {
    this.race(undefined, delay);
  }

  protected won(): void {
    // A microtask later: other timers of this tick fire first. The backoff may end in the same tick
    // as a cancellation (a fail-fast timeout in the same timer list), and starting the next attempt
    // would call the loader after the boot was cancelled, only for the cancellation to abort it.
    // A promise job, not queueMicrotask: jest's fake timers hold queueMicrotask back until a timer.
    void Promise.resolve().then(() => {
      const { env } = this.runner;
      if (env.cancel.aborted) this.lost(env.cancel.reason);
      else this.runner.run(this.spec, env.clock.now(), this.attempt + 1);
    });
  }

  protected lost(reason: unknown): void {
    const { env, sink } = this.runner;
    sink.settle(this.spec.index, ComponentStatus.Failed, undefined, normalise(this.spec, reason, this.attempt, env.cancel), this.attempt, env.clock.now());
  }
}

function discard(run: Attempt, instance: unknown): void {
  const { spec, runner } = run;
  disposeDiscarded(spec, instance, runner.env.states, runner.env.clock);
}

function normalise(spec: ComponentSpec, thrown: unknown, attempt: number, cancel: AbortSignal): PreheatError {
  if (cancel.aborted) {
    const reason: unknown = cancel.reason;
    return PreheatError.is(reason) ? reason : new BootCancelledError(describeError(reason), spec.name, reason);
  }
  if (PreheatError.is(thrown)) return thrown;
  return new ComponentLoadError(spec.name, thrown, attempt);
}
