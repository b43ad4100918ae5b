import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * preheat broke one of its own rules (an illegal phase transition, say): a bug in preheat, never
 * something the user did.
 *
 * @example
 * ```ts
 * if (PreheatError.is(err) && err.code === ErrorCode.Internal) reportBug(err);
 * ```
 */
export class InternalError extends PreheatError {
  readonly code = ErrorCode.Internal;

  constructor(what: string) {
    super(`Internal error: ${what}`, { hint: 'this is a bug in preheat; please report it with the stack trace.' });
  }
}
