import type { ComponentStatus } from '../component/ComponentStatus.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';

/**
 * A component was asked for (through `container.get`) before it is usable.
 *
 * @example
 * ```ts
 * container.get(Db); // before boot: throws "Component 'Db' is not ready (status: pending)"
 * ```
 */
export class ComponentNotReadyError extends PreheatError {
  readonly code = ErrorCode.NotReady;
  /** The component's status when it was asked for. */
  readonly status: ComponentStatus;

  constructor(component: string, status: ComponentStatus, hint: string, cause?: unknown) {
    super(`Component '${component}' is not ready (status: ${status})`, { component, hint, cause });
    this.status = status;
  }
}
