import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component was registered when the container could not take it: once `boot()` or `getAsync()`
 * has built the dependency graph (it is frozen from then on), or after shutdown began. Register
 * everything up front; use `Priority.DEFERRED` for what is needed only later.
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
