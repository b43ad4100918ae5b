import type { ComponentSpec } from '../component/ComponentSpec.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { callSafely } from './callSafely.js';
import type { Clock } from './Clock.js';
import { disposeHookOf } from './instanceHooks.js';

/**
 * Releases an instance that preheat discards (a late value after a timeout, an unhealthy instance
 * before a retry, the instance of a monitor that gave up). Fire and forget: a hook that throws is
 * recorded as a warning on the component ("a hook failed while discarding an instance: …", in the
 * report and on `events$`), never unhandled.
 */
export function disposeDiscarded(spec: ComponentSpec, instance: unknown, states: Pick<ComponentStates, 'warn'>, clock: Pick<Clock, 'now'>): void {
  const hook = disposeHookOf(spec, instance);
  if (hook === undefined) return;
  callSafely(() => hook(instance)).catch((error: unknown) => {
    states.warn(spec.index, clock.now(), `a hook failed while discarding an instance: ${describeError(error)}`);
  });
}
