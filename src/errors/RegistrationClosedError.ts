import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component was registered when the container could not take it: after shutdown began, or after
 * boot started when one of its dependencies is not usable.
 *
 * @example
 * ```ts
 * await warmup.shutdown();
 * warmup.register(Late); // throws RegistrationClosedError
 * ```
 */
export class RegistrationClosedError extends PreheatError {
  readonly code = ErrorCode.RegistrationClosed;

  constructor(component: string, reason: string, hint: string) {
    super(`Cannot register '${component}': ${reason}`, { component, hint });
  }
}
