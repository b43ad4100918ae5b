import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { AttemptAbort } from '../run/AttemptAbort.js';
import { callSafely } from '../run/callSafely.js';
import { warmupHookOf } from '../run/componentHooks.js';
import type { Clock } from '../run/Clock.js';
import { withTimeout } from '../run/withTimeout.js';

/**
 * Recovery in place for the health monitor: the definition's `recover(instance, signal)`, or the
 * class's `onWarmup(signal)`, runs again on the same instance within the component's timeout, so
 * dependents never hold a stale reference. Resolves at once when there is no such hook; `stop`
 * aborts it.
 */
export async function recoverInPlace(spec: ComponentSpec, instance: unknown, clock: Clock, stop: AbortSignal): Promise<void> {
  const abort = new AttemptAbort();
  const onWarmup = spec.ctor === undefined ? undefined : warmupHookOf(instance);
  let hook: (() => unknown) | undefined;
  if (spec.definition?.recover !== undefined) hook = () => spec.definition!.recover!(instance, abort.signal);
  else if (onWarmup !== undefined) hook = () => onWarmup(abort.signal);
  if (hook === undefined) return;
  const onStop = (): void => abort.abort(stop.reason);
  stop.addEventListener('abort', onStop, { once: true });
  try {
    await withTimeout(clock, callSafely(hook), {
      each: spec.timeout,
      abort,
      onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'load'),
    });
  } finally {
    stop.removeEventListener('abort', onStop);
  }
}
