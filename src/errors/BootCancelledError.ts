import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * The boot (or one component's load) was cancelled: by `shutdown()`, or by `failFast` after a
 * required component failed.
 *
 * @example
 * ```ts
 * const booting = warmup.boot();
 * await warmup.shutdown();
 * await booting; // rejects with BootCancelledError
 * ```
 */
export class BootCancelledError extends PreheatError {
  readonly code = ErrorCode.BootCancelled;

  constructor(reason: string, component?: string, cause?: unknown) {
    super(component === undefined ? `Boot cancelled: ${reason}` : `Load of '${component}' cancelled: ${reason}`, {
      component,
      cause,
      hint:
        cause === undefined
          ? 'expected when shutdown() is called during a load: nothing failed.'
          : 'see the cause for what stopped it (with failFast: the required component that failed first).',
    });
  }
}
