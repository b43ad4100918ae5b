import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A component depends, on a required edge, on a component that is disabled (`enabled`), so it could
 * never load: the boot (or the first `getAsync`) fails to plan, before anything loads. `path` is
 * `[dependent, skipped]`.
 *
 * @example
 * ```ts
 * warmup.register({ token: 'queue', enabled: false, load: connect },
 *                 { token: 'worker', dependsOn: ['queue'], load: work });
 * await warmup.boot(); // rejects: 'worker' requires 'queue', which is skipped
 * ```
 */
export class DependencySkippedError extends PreheatError {
  readonly code = ErrorCode.DependencySkipped;
  /** Name of the skipped dependency. */
  readonly dependency: string;

  constructor(component: string, dependency: string, reason: string) {
    super(`Component '${component}' requires '${dependency}', which is skipped (${reason}): ${component} → ${dependency}`, {
      component,
      path: [component, dependency],
      hint: `make the edge optional ('optionalDependsOn', or { token, optional: true } / @optional()) so '${component}' gets undefined, disable '${component}' too, or enable '${dependency}'.`,
    });
    this.dependency = dependency;
  }
}
