import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component that is disabled (its `enabled` option) was asked for: `container.get`, `getAsync`,
 * `whenReady`, `ready$`, or a loader's `get` on a required edge. It is never constructed.
 *
 * @example
 * ```ts
 * warmup.register({ token: 'consumer', enabled: false, load: () => new Consumer() });
 * await warmup.boot();
 * container.get('consumer'); // throws PREHEAT_COMPONENT_SKIPPED
 * ```
 */
export class ComponentSkippedError extends PreheatError {
  readonly code = ErrorCode.ComponentSkipped;
  /** Why it was skipped (e.g. "enabled is false"). */
  readonly reason: string;

  constructor(component: string, reason: string) {
    super(`Component '${component}' is skipped: ${reason}`, {
      component,
      hint: `enable it (its 'enabled' option), or check warmup.getStatus('${component}') === 'skipped' before asking for it.`,
    });
    this.reason = reason;
  }
}
