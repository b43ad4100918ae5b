import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import type { Clock } from '../run/Clock.js';
import { withDeadline } from '../run/Deadline.js';
import type { InFlight } from '../run/InFlight.js';
import { warmupHookOf } from '../run/instanceHooks.js';
import { DetachedAttempt } from '../run/DetachedAttempt.js';
import { AttemptScope } from '../run/AttemptScope.js';

/**
 * Recovery in place for the health monitor: the definition's `recover(instance, signal)`, or the
 * class's `onWarmup(signal, ctx)`, runs again on the same instance within the component's timeout, so
 * dependents never hold a stale reference. Resolves at once when there is no such hook; a
 * cancellation through `inFlight` (the monitor's stop) aborts it. Its `ctx` runs steps without
 * recording them and `extendTimeout` moves nothing (`attempt` is 0: this is not a load attempt).
 */
export async function recoverInPlace(spec: ComponentSpec, instance: unknown, clock: Clock, inFlight: InFlight): Promise<void> {
  const { definition } = spec;
  const onWarmup = spec.ctor === undefined ? undefined : warmupHookOf(instance);
  if (definition?.recover === undefined && onWarmup === undefined) return;
  await withDeadline(clock, (abort) => (definition?.recover !== undefined ? definition.recover(instance, abort.signal) : onWarmup!(abort.signal, new AttemptScope(new DetachedAttempt(abort, spec.name, clock), 0))), {
    ms: spec.timeout,
    inFlight,
    onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'recover'),
  });
}
