import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A lookup named a token or name that was never registered with this Warmup.
 *
 * @example
 * ```ts
 * warmup.getStatus('nope'); // throws UnknownComponentError
 * ```
 */
export class UnknownComponentError extends PreheatError {
  readonly code = ErrorCode.UnknownComponent;

  constructor(id: string) {
    super(`No component '${id}' is registered`, {
      component: id,
      hint: 'check the token or name; register the component with warmup.register(...) first.',
    });
  }
}
