import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { PreheatError } from '../errors/PreheatError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { AttemptOutcome, AttemptRecord } from './AttemptRecord.js';
import { backoffDelay } from './backoffDelay.js';
import { checkHealth, type InFlight } from './checkHealth.js';
import type { Clock } from './Clock.js';
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
  /** Told about every attempt as it ends. */
  readonly onAttempt: (spec: ComponentSpec, record: AttemptRecord) => void;
  /** Told about errors of hooks that run in the background (disposal of discarded instances). */
  readonly onBackgroundError: (spec: ComponentSpec, error: unknown) => void;
}

/** How a component's load ended. */
export interface RunOutcome {
  readonly status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed;
  readonly instance?: unknown;
  readonly error?: Error;
  readonly attempts: number;
  /** When the last attempt ended (the same clock reading as its AttemptRecord's `finishedAt`). */
  readonly finishedAt: number;
}

/**
 * The attempt loop of one component: each attempt runs under its own timeout and abort, then the
 * health check under its own; failures retry with backoff while attempts remain. An instance that
 * stays unhealthy after the last attempt is kept (Degraded). `done` is called exactly once; a
 * cancellation (shutdown or fail-fast) ends the loop at once, also during a backoff, and disposes
 * any instance it holds.
 *
 * Written with callbacks rather than `async`/`await`: this runs once per component, and at
 * 100,000 components the wrapper promises of an async version were a measurable share of the boot.
 */
export function runComponent(spec: ComponentSpec, env: RunEnvironment, startedAt: number, done: (outcome: RunOutcome) => void): void {
  // The first attempt starts when the component does: one clock reading for both, so a report's
  // startedAt and its first attempt's agree to the millisecond.
  new AttemptLoop(spec, env, done).start(1, startedAt);
}

class AttemptLoop {
  private finishedAt = Number.NaN;

  constructor(
    private readonly spec: ComponentSpec,
    private readonly env: RunEnvironment,
    private readonly done: (outcome: RunOutcome) => void,
  ) {}

  start(attempt: number, startedAt = this.env.clock.now()): void {
    const { spec, env } = this;
    const { clock } = env;
    const abort = new AttemptAbort();
    env.inFlight.add(abort);
    let settled = false;
    const cancelTimer = Number.isFinite(spec.timeout)
      ? clock.setTimeout(() => abort.abort(new ComponentTimeoutError(spec.name, spec.timeout, 'load', attempt)), spec.timeout)
      : undefined;
    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      cancelTimer?.();
      abort.onAbort(undefined);
      env.inFlight.delete(abort);
      return true;
    };
    abort.onAbort((reason) => {
      if (finish()) this.failed(attempt, startedAt, reason);
    });
    env.instantiate(spec, abort, attempt).then(
      (instance) => {
        if (finish()) this.loaded(attempt, startedAt, instance);
        else this.discard(instance); // a late value after a timeout or cancellation
      },
      (error: unknown) => {
        if (finish()) this.failed(attempt, startedAt, error);
      },
    );
  }

  private loaded(attempt: number, startedAt: number, instance: unknown): void {
    const { spec, env } = this;
    if (env.cancel.aborted) {
      // Cancelled in the same tick the value arrived: nobody will use it.
      this.discard(instance);
      this.failed(attempt, startedAt, env.cancel.reason);
      return;
    }
    const hook = healthHookOf(spec, instance);
    if (hook === undefined) {
      this.record(attempt, startedAt, 'ready');
      this.done({ status: ComponentStatus.Ready, instance, attempts: attempt, finishedAt: this.finishedAt });
      return;
    }
    checkHealth(spec, hook, instance, env.clock, spec.healthTimeout ?? env.healthTimeout, env.inFlight, attempt).then(
      (unhealthy) => {
        if (unhealthy === undefined) {
          this.record(attempt, startedAt, 'ready');
          this.done({ status: ComponentStatus.Ready, instance, attempts: attempt, finishedAt: this.finishedAt });
          return;
        }
        this.record(attempt, startedAt, 'unhealthy', unhealthy);
        if (attempt > spec.retries) {
          this.done({ status: ComponentStatus.Degraded, instance, error: unhealthy, attempts: attempt, finishedAt: this.finishedAt });
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

  private failed(attempt: number, startedAt: number, thrown: unknown): void {
    const { cancel } = this.env;
    const error = normalise(this.spec, thrown, attempt, cancel);
    this.record(attempt, startedAt, cancel.aborted ? 'cancelled' : error instanceof ComponentTimeoutError ? 'timeout' : 'failed', error);
    if (cancel.aborted || attempt > this.spec.retries) {
      this.done({ status: ComponentStatus.Failed, error, attempts: attempt, finishedAt: this.finishedAt });
      return;
    }
    this.retry(attempt);
  }

  private retry(attempt: number): void {
    const { spec, env } = this;
    sleep(env.clock, backoffDelay(attempt, spec.backoff, env.random), env.cancel).then(
      () => this.start(attempt + 1),
      () => this.done({ status: ComponentStatus.Failed, error: normalise(spec, env.cancel.reason, attempt, env.cancel), attempts: attempt, finishedAt: env.clock.now() }),
    );
  }

  private discard(instance: unknown): void {
    disposeDiscarded(this.spec, instance, (e) => this.env.onBackgroundError(this.spec, e));
  }

  private record(attempt: number, startedAt: number, outcome: AttemptOutcome, error?: Error): void {
    const finishedAt = this.env.clock.now();
    this.finishedAt = finishedAt;
    this.env.onAttempt(
      this.spec,
      error === undefined ? { attempt, startedAt, finishedAt, outcome } : { attempt, startedAt, finishedAt, outcome, error: messageOf(error) },
    );
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
