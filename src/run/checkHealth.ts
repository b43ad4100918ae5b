import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { HealthCheckError } from '../errors/HealthCheckError.js';
import type { AttemptAbort } from './AttemptAbort.js';
import type { Clock } from './Clock.js';
import { withDeadline } from './Deadline.js';
import type { InFlight } from './InFlight.js';
import type { healthHookOf } from './instanceHooks.js';

/** One health check: whose, with what hook, on which instance, and within what limits. */
export interface HealthCheck {
  readonly spec: ComponentSpec;
  readonly hook: NonNullable<ReturnType<typeof healthHookOf>>;
  readonly instance: unknown;
  readonly clock: Clock;
  /** Limit in ms (Infinity for none). */
  readonly timeoutMs: number;
  /** Where the check registers, so a cancellation reaches it. */
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
  let race: AttemptAbort | undefined;
  try {
    const healthy = await withDeadline(clock, (abort) => ((race = abort), hook(instance, abort.signal)), {
      ms: timeoutMs,
      inFlight,
      onTimeout: () => new ComponentTimeoutError(spec.name, timeoutMs, 'health', attempt),
    });
    return healthy === true ? undefined : new HealthCheckError(spec.name, attempt);
  } catch (error) {
    if (race?.aborted !== true) return new HealthCheckError(spec.name, attempt, error); // the hook threw
    // Our own timeout is unhealthy; any other abort is a cancellation (identity, not instanceof:
    // what a hook throws may be a revoked Proxy).
    if (race.reason instanceof ComponentTimeoutError && error === race.reason) return race.reason;
    throw error;
  }
}
