import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { HealthCheckError } from '../errors/HealthCheckError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { InFlight } from './InFlight.js';
import { callSafely } from './callSafely.js';
import type { Clock } from './Clock.js';
import type { healthHookOf } from './componentHooks.js';
import { withTimeout } from './withTimeout.js';


/** One health check: whose, with what hook, on which instance, and within what limits. */
export interface HealthCheck {
  readonly spec: ComponentSpec;
  readonly hook: NonNullable<ReturnType<typeof healthHookOf>>;
  readonly instance: unknown;
  readonly clock: Clock;
  /** Limit in ms (Infinity for none). */
  readonly timeoutMs: number;
  /** Where the check registers its abort, so a cancellation reaches it. */
  readonly inFlight: InFlight;
  /** The load attempt it follows (named in errors); absent for the runtime monitor's checks. */
  readonly attempt?: number;
}

/**
 * Runs a health check under its own timeout. Resolves with undefined when healthy, or the error that
 * says why not (false, a throw, a timeout); never rejects for those. A cancellation (shutdown)
 * rejects with its reason.
 */
export async function checkHealth(check: HealthCheck): Promise<Error | undefined> {
  const { spec, hook, instance, clock, timeoutMs, inFlight, attempt } = check;
  const abort = new AttemptAbort();
  inFlight.add(abort);
  try {
    const healthy = await withTimeout(clock, callSafely(() => hook(instance, abort.signal)), {
      each: timeoutMs,
      abort,
      onTimeout: () => new ComponentTimeoutError(spec.name, timeoutMs, 'health', attempt),
    });
    return healthy === true ? undefined : new HealthCheckError(spec.name, attempt);
  } catch (error) {
    if (abort.aborted) {
      // Our own timer aborted it with its timeout error; anything else aborting it is a cancellation.
      if (error === abort.reason && abort.reason instanceof ComponentTimeoutError) return abort.reason;
      throw error;
    }
    return new HealthCheckError(spec.name, attempt, error);
  } finally {
    inFlight.delete(abort);
  }
}
