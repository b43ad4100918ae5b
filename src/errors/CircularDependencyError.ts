import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * The dependency graph has a cycle. `cycle` is the real path, first element equal to the last.
 *
 * @example
 * ```ts
 * // A -> B -> A
 * await warmup.boot(); // rejects: Circular dependency: A → B → A
 * ```
 */
export class CircularDependencyError extends PreheatError {
  readonly code = ErrorCode.CircularDependency;
  /** The cycle's component names, e.g. `['A', 'B', 'C', 'A']`. */
  readonly cycle: readonly string[];

  constructor(cycle: readonly string[]) {
    super(`Circular dependency: ${cycle.join(' → ')}`, {
      component: cycle[0],
      path: cycle,
      hint: 'break the cycle: move the shared part into its own component, or turn one edge into a lazy lookup after boot.',
    });
    this.cycle = cycle;
  }
}
