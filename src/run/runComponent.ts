import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { PreheatError } from '../errors/PreheatError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { AttemptOutcome } from './AttemptRecord.js';
import type { AttemptRecord } from './AttemptRecord.js';
import { backoffDelay } from './backoffDelay.js';
import { checkHealth, type InFlight } from './checkHealth.js';
import type { Clock } from './Clock.js';
import { healthHookOf } from './componentHooks.js';
import { disposeDiscarded } from './dispose.js';
import { sleep } from './sleep.js';
import { withTimeout } from './withTimeout.js';

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
}

/**
 * The attempt loop of one component: each attempt runs under its own timeout and abort, then the
 * health check under its own; failures retry with backoff while attempts remain. An instance that
 * stays unhealthy after the last attempt is kept (Degraded). Never rejects; a cancellation
 * (shutdown or fail-fast) ends it at once, also during a backoff, and disposes any instance it holds.
 */
export async function runComponent(spec: ComponentSpec, env: RunEnvironment): Promise<RunOutcome> {
  const { clock, cancel } = env;
  const maxAttempts = spec.retries + 1;
  const healthTimeout = spec.healthTimeout ?? env.healthTimeout;
  const discard = (instance: unknown): void => disposeDiscarded(spec, instance, (e) => env.onBackgroundError(spec, e));
  for (let attempt = 1; ; attempt++) {
    const startedAt = clock.now();
    const abort = new AttemptAbort();
    env.inFlight.add(abort);
    let instance: unknown;
    let loaded = false;
    try {
      instance = await withTimeout(clock, env.instantiate(spec, abort, attempt), {
        each: spec.timeout,
        abort,
        onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'load', attempt),
        onLateValue: discard,
      });
      loaded = true;
      const hook = healthHookOf(spec, instance);
      const unhealthy = hook === undefined ? undefined : await checkHealth(spec, hook, instance, clock, healthTimeout, env.inFlight, attempt);
      if (unhealthy === undefined) {
        record(env, spec, attempt, startedAt, 'ready');
        return { status: ComponentStatus.Ready, instance, attempts: attempt };
      }
      record(env, spec, attempt, startedAt, 'unhealthy', unhealthy);
      if (attempt >= maxAttempts) return { status: ComponentStatus.Degraded, instance, error: unhealthy, attempts: attempt };
      discard(instance);
    } catch (thrown) {
      const error = normalise(spec, thrown, attempt, cancel);
      record(env, spec, attempt, startedAt, cancel.aborted ? 'cancelled' : error instanceof ComponentTimeoutError ? 'timeout' : 'failed', error);
      if (loaded) discard(instance); // cancelled during its health check
      if (cancel.aborted || attempt >= maxAttempts) return { status: ComponentStatus.Failed, error, attempts: attempt };
    } finally {
      env.inFlight.delete(abort);
    }
    try {
      await sleep(clock, backoffDelay(attempt, spec.backoff, env.random), cancel);
    } catch {
      return { status: ComponentStatus.Failed, error: normalise(spec, cancel.reason, attempt, cancel), attempts: attempt };
    }
  }
}

function record(env: RunEnvironment, spec: ComponentSpec, attempt: number, startedAt: number, outcome: AttemptOutcome, error?: Error): void {
  const finishedAt = env.clock.now();
  env.onAttempt(spec, error === undefined ? { attempt, startedAt, finishedAt, outcome } : { attempt, startedAt, finishedAt, outcome, error: messageOf(error) });
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
