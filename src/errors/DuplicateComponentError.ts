import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * The same token (or display name) was registered twice.
 *
 * @example
 * ```ts
 * warmup.register(Db).register(Db); // throws DuplicateComponentError
 * ```
 */
export class DuplicateComponentError extends PreheatError {
  readonly code = ErrorCode.DuplicateComponent;

  constructor(component: string, what: 'token' | 'name' | 'binding') {
    super(
      what === 'binding'
        ? `Component '${component}' is already bound in the container`
        : `Component '${component}' is registered twice (same ${what})`,
      {
        component,
        hint:
          what === 'binding'
            ? 'remove your own binding of this token; preheat binds every component it registers.'
            : 'register each component once; give it a distinct `token` or `name` if you need two.',
      },
    );
  }
}
