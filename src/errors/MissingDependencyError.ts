import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component depends on something that was never registered (nor bound in the container).
 *
 * @example
 * ```ts
 * @Component({ dependsOn: ['db'] }) class Api {}
 * await new Warmup(container).register(Api).boot(); // rejects: 'Api' depends on 'db', which is not registered
 * ```
 */
export class MissingDependencyError extends PreheatError {
  readonly code = ErrorCode.MissingDependency;
  /** Name of the dependency that is missing. */
  readonly dependency: string;

  constructor(component: string, dependency: string) {
    super(`Component '${component}' depends on '${dependency}', which is not registered`, {
      component,
      path: [component, dependency],
      hint: `register '${dependency}' with warmup.register(...) before boot(), or remove it from dependsOn.`,
    });
    this.dependency = dependency;
  }
}
