import { describeError } from './describeError.js';
import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component was not loaded because a required dependency failed. `path` is the chain from this
 * component down to the root failure; `cause` is the root failure's error.
 *
 * @example
 * ```ts
 * // top depends on mid depends on base; base throws
 * report.components.top.lastError; // "top ← mid ← base: connection refused"
 * ```
 */
export class DependencyFailedError extends PreheatError {
  readonly code = ErrorCode.DependencyFailed;

  constructor(path: readonly string[], rootCause: unknown) {
    super(`Dependency failed: ${path.join(' ← ')}: ${describeError(rootCause)}`, {
      component: path[0],
      path,
      cause: rootCause,
      hint: `fix '${path[path.length - 1] ?? ''}', or make the edge optional with 'optionalDependsOn' / @optional().`,
    });
  }
}
