import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ComponentLoadError } from '../errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { AttemptOutcome, AttemptRecord } from './AttemptRecord.js';
import { backoffDelay } from './backoffDelay.js';
import { checkHealth } from './checkHealth.js';
import type { Clock } from './Clock.js';
import { disposeDiscarded } from './dispose.js';
import { linkAbort } from './linkAbort.js';
import { sleep } from './sleep.js';
import { withTimeout } from './withTimeout.js';

/** What {@link runComponent} needs from the Warmup. */
export interface RunEnvironment {
  readonly clock: Clock;
  readonly healthTimeout: number;
  readonly random: () => number;
  /** Creates the instance for one attempt (construction + warm-up, or the loader). */
  instantiate(spec: ComponentSpec, signal: AbortSignal, attempt: number): Promise<unknown>;
  /** Told about every attempt as it ends. */
  onAttempt(spec: ComponentSpec, record: AttemptRecord): void;
  /** Told about errors of hooks that run in the background (disposal of discarded instances). */
  onBackgroundError(spec: ComponentSpec, error: unknown): void;
}

/** How a component's load ended. */
export interface RunOutcome {
  readonly status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed;
  readonly instance?: unknown;
  readonly error?: Error;
  readonly attempts: number;
}

/**
 * The attempt loop of one component: each attempt runs under its own timeout and AbortSignal, then
 * the health check under its own; failures retry with backoff while attempts remain. An instance
 * that stays unhealthy after the last attempt is kept (Degraded). Never rejects; `cancel` (shutdown
 * or fail-fast) ends it at once, also during a backoff.
 */
export async function runComponent(spec: ComponentSpec, env: RunEnvironment, cancel: AbortSignal): Promise<RunOutcome> {
  const { clock } = env;
  const maxAttempts = spec.retries + 1;
  const healthTimeout = spec.healthTimeout ?? env.healthTimeout;
  for (let attempt = 1; ; attempt++) {
    const startedAt = clock.now();
    const record = (outcome: AttemptOutcome, error?: Error): void =>
      env.onAttempt(spec, {
        attempt,
        startedAt,
        finishedAt: clock.now(),
        outcome,
        ...(error === undefined ? {} : { error: messageOf(error) }),
      });
    const controller = new AbortController();
    const unlink = linkAbort(cancel, controller);
    let error: Error;
    let degradedInstance: unknown;
    let keep = false;
    try {
      const instance = await withTimeout(clock, env.instantiate(spec, controller.signal, attempt), {
        each: spec.timeout,
        controller,
        onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'load', attempt),
        onLateValue: (late) => disposeDiscarded(spec, late, (e) => env.onBackgroundError(spec, e)),
      });
      const unhealthy = await checkHealth(spec, instance, clock, healthTimeout, cancel, attempt);
      if (unhealthy === undefined) {
        record('ready');
        return { status: ComponentStatus.Ready, instance, attempts: attempt };
      }
      error = unhealthy;
      degradedInstance = instance;
      keep = attempt >= maxAttempts;
      record('unhealthy', error);
      if (keep) return { status: ComponentStatus.Degraded, instance, error, attempts: attempt };
      disposeDiscarded(spec, instance, (e) => env.onBackgroundError(spec, e));
    } catch (thrown) {
      error = normalise(spec, thrown, attempt, cancel);
      record(cancel.aborted ? 'cancelled' : error instanceof ComponentTimeoutError ? 'timeout' : 'failed', error);
      if (degradedInstance !== undefined) disposeDiscarded(spec, degradedInstance, (e) => env.onBackgroundError(spec, e));
      if (cancel.aborted || attempt >= maxAttempts) return { status: ComponentStatus.Failed, error, attempts: attempt };
    } finally {
      unlink();
    }
    try {
      await sleep(clock, backoffDelay(attempt, spec.backoff, env.random), cancel);
    } catch {
      return { status: ComponentStatus.Failed, error: normalise(spec, cancel.reason, attempt, cancel), attempts: attempt };
    }
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
