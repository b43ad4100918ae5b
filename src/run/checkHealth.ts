import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { HealthCheckError } from '../errors/HealthCheckError.js';
import { callSafely } from './callSafely.js';
import type { Clock } from './Clock.js';
import { healthHookOf } from './componentHooks.js';
import { linkAbort } from './linkAbort.js';
import { withTimeout } from './withTimeout.js';

/**
 * Runs the component's health check, if any, under its own timeout. Resolves with undefined when
 * healthy (or there is no check), or the error that says why not; never rejects. A cancellation of
 * `cancel` rejects with its reason.
 */
export async function checkHealth(
  spec: ComponentSpec,
  instance: unknown,
  clock: Clock,
  timeoutMs: number,
  cancel: AbortSignal,
  attempt?: number,
): Promise<Error | undefined> {
  const hook = healthHookOf(spec, instance);
  if (hook === undefined) return undefined;
  const controller = new AbortController();
  const unlink = linkAbort(cancel, controller);
  try {
    const healthy = await withTimeout(clock, callSafely(() => hook(instance, controller.signal)), {
      each: timeoutMs,
      controller,
      onTimeout: () => new ComponentTimeoutError(spec.name, timeoutMs, 'health', attempt),
    });
    return healthy === true ? undefined : new HealthCheckError(spec.name, attempt);
  } catch (error) {
    if (cancel.aborted) throw error;
    return error instanceof ComponentTimeoutError ? error : new HealthCheckError(spec.name, attempt, error);
  } finally {
    unlink();
  }
}
