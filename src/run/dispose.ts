import type { ComponentSpec } from '../component/ComponentSpec.js';
import { callSafely } from './callSafely.js';
import { disposeHookOf } from './instanceHooks.js';

/**
 * Releases an instance that preheat discards (a late value after a timeout, an unhealthy instance
 * before a retry). Fire and forget: a hook that throws is reported to `onError`, never unhandled.
 */
export function disposeDiscarded(spec: ComponentSpec, instance: unknown, onError: (error: unknown) => void): void {
  const hook = disposeHookOf(spec, instance);
  if (hook === undefined) return;
  callSafely(() => hook(instance)).catch(onError);
}
