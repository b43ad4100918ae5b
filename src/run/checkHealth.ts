import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { HealthCheckError } from '../errors/HealthCheckError.js';
import { AttemptAbort } from './AttemptAbort.js';
import type { InFlight } from './InFlight.js';
import { callSafely } from './callSafely.js';
import type { Clock } from './Clock.js';
import type { healthHookOf } from './componentHooks.js';
import { withTimeout } from './withTimeout.js';


/**
 * Runs a health check under its own timeout. Resolves with undefined when healthy, or the error that
 * says why not (false, a throw, a timeout); never rejects for those. A cancellation (shutdown)
 * rejects with its reason.
 */
export async function checkHealth(
  spec: ComponentSpec,
  hook: NonNullable<ReturnType<typeof healthHookOf>>,
  instance: unknown,
  clock: Clock,
  timeoutMs: number,
  inFlight: InFlight,
  attempt?: number,
): Promise<Error | undefined> {
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
    if (error instanceof ComponentTimeoutError) return error;
    if (abort.aborted) throw error; // cancelled
    return new HealthCheckError(spec.name, attempt, error);
  } finally {
    inFlight.delete(abort);
  }
}
