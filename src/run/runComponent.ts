import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { PreheatError } from '../errors/PreheatError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { AttemptOutcome } from './AttemptRecord.js';
import { backoffDelay } from './backoffDelay.js';
import { checkHealth, type InFlight } from './checkHealth.js';
import type { Clock, TimerTask } from './Clock.js';
import { healthHookOf } from './componentHooks.js';
import { disposeDiscarded } from './dispose.js';
import { sleep } from './sleep.js';

/** What {@link runComponent} needs from the Warmup. */
export interface RunEnvironment {
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  /** Aborted on shutdown or fail-fast. */
  readonly cancel: AbortSignal;
  /** Attempts in flight, so a cancellation reaches them (one Set entry, not one listener per attempt). */
  readonly inFlight: InFlight;
  /** Creates the instance for one attempt (construction + warm-up, or the loader). */
  readonly instantiate: (spec: ComponentSpec, abort: AttemptAbort, attempt: number) => Promise<unknown>;
  /**
   * Told about every attempt as it ends (positional, so the common case allocates no record).
   * `error` is set for every outcome but `ready`.
   */
  readonly onAttempt: (index: number, attempt: number, startedAt: number, finishedAt: number, outcome: AttemptOutcome, error?: Error) => void;
  /**
   * Told once when the component's load has ended. `finishedAt` is the clock reading of its last
   * attempt's end; `instance` is set for Ready and Degraded, `error` for Degraded and Failed.
   */
  readonly onSettled: (
    index: number,
    status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed,
    instance: unknown,
    error: Error | undefined,
    attempts: number,
    finishedAt: number,
  ) => void;
  /** Told about errors of hooks that run in the background (disposal of discarded instances). */
  readonly onBackgroundError: (spec: ComponentSpec, error: unknown) => void;
}

/**
 * The attempt loop of one component: each attempt runs under its own timeout and abort, then the
 * health check under its own; failures retry with backoff while attempts remain. An instance that
 * stays unhealthy after the last attempt is kept (Degraded). `env.onSettled` is called exactly
 * once; a cancellation (shutdown or fail-fast) ends the loop at once, also during a backoff, and
 * disposes any instance it holds.
 *
 * This runs once per component, so it is written for the 100,000-component boot: callbacks rather
 * than `async`/`await`, one {@link Attempt} object that is at once the abort, the timer and the
 * promise handler, and no record or outcome objects on the way out.
 */
export function runComponent(spec: ComponentSpec, env: RunEnvironment, startedAt: number): void {
  // The first attempt starts when the component does: one clock reading for both, so a report's
  // startedAt and its first attempt's agree to the millisecond.
  new AttemptLoop(spec, env).start(1, startedAt);
}

class AttemptLoop {
  constructor(
    readonly spec: ComponentSpec,
    readonly env: RunEnvironment,
  ) {}

  start(attempt: number, startedAt: number): void {
    const { spec, env } = this;
    const run = new Attempt(this, attempt, startedAt);
    env.inFlight.add(run);
    if (spec.timeout !== Infinity) env.clock.arm(run, spec.timeout);
    env.instantiate(spec, run, attempt).then(run.onValue, run.onError);
  }

  loaded(attempt: number, startedAt: number, instance: unknown): void {
    const { spec, env } = this;
    if (env.cancel.aborted) {
      // Cancelled in the same tick the value arrived: nobody will use it.
      this.discard(instance);
      this.failed(attempt, startedAt, env.cancel.reason);
      return;
    }
    const hook = healthHookOf(spec, instance);
    if (hook === undefined) {
      const finishedAt = env.clock.now();
      env.onAttempt(spec.index, attempt, startedAt, finishedAt, 'ready');
      env.onSettled(spec.index, ComponentStatus.Ready, instance, undefined, attempt, finishedAt);
      return;
    }
    checkHealth(spec, hook, instance, env.clock, spec.healthTimeout ?? env.healthTimeout, env.inFlight, attempt).then(
      (unhealthy) => {
        const finishedAt = env.clock.now();
        if (unhealthy === undefined) {
          env.onAttempt(spec.index, attempt, startedAt, finishedAt, 'ready');
          env.onSettled(spec.index, ComponentStatus.Ready, instance, undefined, attempt, finishedAt);
          return;
        }
        env.onAttempt(spec.index, attempt, startedAt, finishedAt, 'unhealthy', unhealthy);
        if (attempt > spec.retries) {
          env.onSettled(spec.index, ComponentStatus.Degraded, instance, unhealthy, attempt, finishedAt);
          return;
        }
        this.discard(instance);
        this.retry(attempt);
      },
      (cancelled: unknown) => {
        this.discard(instance); // cut short by shutdown: nobody will use it
        this.failed(attempt, startedAt, cancelled);
      },
    );
  }

  failed(attempt: number, startedAt: number, thrown: unknown): void {
    const { spec, env } = this;
    const { cancel } = env;
    const error = normalise(spec, thrown, attempt, cancel);
    const finishedAt = env.clock.now();
    env.onAttempt(spec.index, attempt, startedAt, finishedAt, cancel.aborted ? 'cancelled' : error instanceof ComponentTimeoutError ? 'timeout' : 'failed', error);
    if (cancel.aborted || attempt > spec.retries) {
      env.onSettled(spec.index, ComponentStatus.Failed, undefined, error, attempt, finishedAt);
      return;
    }
    this.retry(attempt);
  }

  private retry(attempt: number): void {
    const { spec, env } = this;
    sleep(env.clock, backoffDelay(attempt, spec.backoff, env.random), env.cancel).then(
      () => this.start(attempt + 1, env.clock.now()),
      () =>
        env.onSettled(spec.index, ComponentStatus.Failed, undefined, normalise(spec, env.cancel.reason, attempt, env.cancel), attempt, env.clock.now()),
    );
  }

  discard(instance: unknown): void {
    disposeDiscarded(this.spec, instance, (e) => this.env.onBackgroundError(this.spec, e));
  }
}

/**
 * One attempt: its abort (the signal is made only if someone reads it), its timeout timer and the
 * handlers of its promise, in one object. Whichever of value, error, timeout or cancellation comes
 * first ends it; what comes later is dropped (a late value is disposed).
 */
class Attempt extends AttemptAbort implements TimerTask {
  timerDue = 0;
  timerList: object | undefined = undefined;
  #settled = false;

  constructor(
    private readonly loop: AttemptLoop,
    private readonly attempt: number,
    private readonly startedAt: number,
  ) {
    super();
  }

  readonly onValue = (instance: unknown): void => {
    if (this.#finish()) this.loop.loaded(this.attempt, this.startedAt, instance);
    else this.loop.discard(instance); // a late value after a timeout or cancellation
  };

  readonly onError = (error: unknown): void => {
    if (this.#finish()) this.loop.failed(this.attempt, this.startedAt, error);
  };

  onTimer(): void {
    const { spec } = this.loop;
    this.abort(new ComponentTimeoutError(spec.name, spec.timeout, 'load', this.attempt));
  }

  override abort(reason: unknown): void {
    if (this.aborted) return;
    super.abort(reason);
    if (this.#finish()) this.loop.failed(this.attempt, this.startedAt, reason);
  }

  #finish(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    const { env } = this.loop;
    env.clock.disarm(this);
    env.inFlight.delete(this);
    return true;
  }
}

function normalise(spec: ComponentSpec, thrown: unknown, attempt: number, cancel: AbortSignal): Error {
  if (cancel.aborted) {
    const reason: unknown = cancel.reason;
    return reason instanceof PreheatError ? reason : new BootCancelledError(describeError(reason), spec.name, reason);
  }
  if (thrown instanceof PreheatError) return thrown;
  return new ComponentLoadError(spec.name, thrown, attempt);
}

/** The message the report keeps: the user's own message for load errors, ours otherwise. */
export function messageOf(error: Error): string {
  return error instanceof ComponentLoadError ? describeError(error.cause) : describeError(error);
}
