import { describeError } from './describeError.js';
import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A loader, constructor or `onWarmup` threw or rejected. `cause` is what it threw (which may not be
 * an Error at all); the report keeps its message.
 *
 * @example
 * ```ts
 * const report = err.report; // BootError
 * report.components.db.lastError; // "connect ECONNREFUSED"
 * ```
 */
export class ComponentLoadError extends PreheatError {
  readonly code = ErrorCode.LoadFailed;

  constructor(component: string, cause: unknown, attempt?: number) {
    super(`Component '${component}' failed to load: ${describeError(cause)}`, {
      component,
      attempt,
      cause,
      hint: "see `cause`; give it 'retries' if the failure is transient, or 'required: false' if the service can run without it.",
    });
  }
}
