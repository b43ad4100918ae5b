import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { AttemptOutcome } from './AttemptRecord.js';
import { backoffDelay } from './backoffDelay.js';
import { checkHealth } from './checkHealth.js';
import type { InFlight } from './InFlight.js';
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
 * The attempt loop of one component, from attempt `attempt` (1 by default): each attempt runs
 * under its own timeout and abort, then the health check under its own; failures retry with backoff
 * while attempts remain. An instance that stays unhealthy after the last attempt is kept (Degraded). `env.onSettled` is called exactly
 * once; a cancellation (shutdown or fail-fast) ends the loop at once, also during a backoff, and
 * disposes any instance it holds.
 *
 * This runs once per component, so it is written for the 100,000-component boot: callbacks rather
 * than `async`/`await`, one {@link Attempt} object that is at once the abort, the timer, the
 * in-flight list entry and the promise handler, and no record or outcome objects on the way out.
 */
export function runComponent(spec: ComponentSpec, env: RunEnvironment, startedAt: number, attempt = 1): void {
  // `startedAt` of the first attempt is the component's start as the engine recorded it (one clock
  // reading for both, so a report's startedAt and its first attempt's agree to the millisecond).
  const run = new Attempt(spec, env, attempt, startedAt);
  env.inFlight.add(run);
  // Bound methods rather than arrow fields: two bound functions take about half the memory of two
  // closures and their context, and 100,000 attempts may be in flight at once.
  env.instantiate(spec, run, attempt).then(run.onValue.bind(run), run.onError.bind(run));
  // The timer counts from the attempt's start, but is armed once the loader has been called: the
  // first arming of a process sets up the scheduler (~0.5 ms cold), which then overlaps the load
  // instead of delaying it. The promise handlers run in a later microtask, so none can come first.
  if (spec.timeout !== Infinity) env.clock.arm(run, spec.timeout, startedAt);
}

/**
 * One attempt: its abort (the signal is made only if someone reads it), its timeout timer and the
 * handlers of its promise, in one object. Whichever of value, error, timeout or cancellation comes
 * first ends it; what comes later is dropped (a late value is disposed).
 */
class Attempt extends AttemptAbort implements TimerTask {
  timerList: object | undefined = undefined;
  #settled = false;

  constructor(
    readonly spec: ComponentSpec,
    readonly env: RunEnvironment,
    readonly attempt: number,
    readonly startedAt: number,
  ) {
    super();
  }

  onValue(instance: unknown): void {
    if (this.#finish()) loaded(this, instance);
    else discard(this, instance); // a late value after a timeout or cancellation
  }

  onError(error: unknown): void {
    if (this.#finish()) failed(this, error);
  }

  onTimer(): void {
    this.abort(new ComponentTimeoutError(this.spec.name, this.spec.timeout, 'load', this.attempt));
  }

  override abort(reason: unknown): void {
    if (this.aborted) return;
    super.abort(reason);
    if (this.#finish()) failed(this, reason);
  }

  #finish(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.env.clock.disarm(this);
    this.env.inFlight.delete(this);
    return true;
  }
}

function loaded(run: Attempt, instance: unknown): void {
  const { spec, env, attempt, startedAt } = run;
  if (env.cancel.aborted) {
    // Cancelled in the same tick the value arrived: nobody will use it.
    discard(run, instance);
    failed(run, env.cancel.reason);
    return;
  }
  const hook = healthHookOf(spec, instance);
  if (hook === undefined) {
    const finishedAt = env.clock.now();
    env.onAttempt(spec.index, attempt, startedAt, finishedAt, 'ready');
    env.onSettled(spec.index, ComponentStatus.Ready, instance, undefined, attempt, finishedAt);
    return;
  }
  checkHealth({ spec, hook, instance, clock: env.clock, timeoutMs: spec.healthTimeout ?? env.healthTimeout, inFlight: env.inFlight, attempt }).then(
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
      discard(run, instance);
      retry(run);
    },
    (cancelled: unknown) => {
      discard(run, instance); // cut short by shutdown: nobody will use it
      failed(run, cancelled);
    },
  );
}

function failed(run: Attempt, thrown: unknown): void {
  const { spec, env, attempt, startedAt } = run;
  const { cancel } = env;
  const error = normalise(spec, thrown, attempt, cancel);
  const finishedAt = env.clock.now();
  env.onAttempt(spec.index, attempt, startedAt, finishedAt, cancel.aborted ? 'cancelled' : error.code === ErrorCode.Timeout ? 'timeout' : 'failed', error);
  if (cancel.aborted || attempt > spec.retries) {
    env.onSettled(spec.index, ComponentStatus.Failed, undefined, error, attempt, finishedAt);
    return;
  }
  retry(run);
}

function retry(run: Attempt): void {
  const { spec, env, attempt } = run;
  const cancelled = (): void =>
    env.onSettled(spec.index, ComponentStatus.Failed, undefined, normalise(spec, env.cancel.reason, attempt, env.cancel), attempt, env.clock.now());
  let delay: number;
  try {
    delay = backoffDelay(attempt, spec.backoff, env.random);
  } catch (error) {
    env.onSettled(spec.index, ComponentStatus.Failed, undefined, error as PreheatError, attempt, env.clock.now()); // a bad `random`
    return;
  }
  sleep(env.clock, delay, env.cancel).then(() => {
    // The backoff may have ended in the same tick as a cancellation (a fail-fast timeout in the
    // same timer list): starting the next attempt would call the loader after the boot was
    // cancelled, only for the cancellation's sweep to abort it.
    if (env.cancel.aborted) cancelled();
    else runComponent(spec, env, env.clock.now(), attempt + 1);
  }, cancelled);
}

function discard(run: Attempt, instance: unknown): void {
  const { spec, env } = run;
  disposeDiscarded(spec, instance, (e) => env.onBackgroundError(spec, e));
}

function normalise(spec: ComponentSpec, thrown: unknown, attempt: number, cancel: AbortSignal): PreheatError {
  if (cancel.aborted) {
    const reason: unknown = cancel.reason;
    return PreheatError.is(reason) ? reason : new BootCancelledError(describeError(reason), spec.name, reason);
  }
  if (PreheatError.is(thrown)) return thrown;
  return new ComponentLoadError(spec.name, thrown, attempt);
}

/** The message the report keeps: the user's own message for load errors, ours otherwise. */
export function messageOf(error: Error): string {
  return error instanceof ComponentLoadError ? describeError(error.cause) : describeError(error);
}
