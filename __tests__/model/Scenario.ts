import type { Priority } from '../../src/index.js';

/**
 * What one attempt's loader (or a class's `onWarmup`) does. Durations are virtual ms, ≥ 1, and never
 * equal to the component's timeout, so "value or timeout first" is never a tie.
 */
export type Behaviour =
  | { readonly kind: 'resolve'; readonly ms: number }
  | { readonly kind: 'reject'; readonly ms: number }
  | { readonly kind: 'throw' }
  /** Never settles and ignores its signal. */
  | { readonly kind: 'hang' }
  /** Never settles on its own; rejects with the signal's reason when it aborts. */
  | { readonly kind: 'hangAbortable' };

/** What one attempt's health check answers. `ms: 0` answers synchronously. Never equal to the health timeout. */
export type HealthAnswer =
  | { readonly kind: 'true' | 'false' | 'throw'; readonly ms: number }
  | { readonly kind: 'hang' };

/** A dependency edge to a component with a lower index (so every scenario is a DAG). */
export interface Edge {
  readonly on: number;
  /** `optionalDependsOn` rather than `dependsOn`. */
  readonly optional: boolean;
}

/** One component. Undefined options are left out of the registration, so preheat's defaults apply. */
export interface ComponentPlan {
  /** `c<index>`: the token of a loader definition, the `name` of a class. */
  readonly name: string;
  /** A loader definition `{ token, load }`, or a `@Component` class built at run time. */
  readonly kind: 'loader' | 'class';
  readonly priority: Priority;
  readonly deps: readonly Edge[];
  readonly required?: boolean;
  readonly timeout?: number;
  readonly retries?: number;
  readonly backoff?: { readonly delay?: number; readonly factor?: number; readonly maxDelay?: number; readonly jitter?: number };
  readonly memoryMb?: number;
  readonly healthTimeout?: number;
  /** One entry per attempt: `retries + 1` of them. */
  readonly attempts: readonly Behaviour[];
  /** One answer per attempt when the component has a health check. */
  readonly health?: readonly HealthAnswer[];
}

/** Options of the Warmup. `random` is the constant the jitter reads. */
export interface ScenarioOptions {
  readonly maxConcurrent?: number;
  readonly memoryBudgetMb?: number;
  readonly schedule?: 'waves' | 'eager';
  readonly failFast?: boolean;
  readonly healthTimeout?: number;
  readonly random: number;
}

/**
 * Something the test does at a virtual time, after everything due at that ms has run. `getAsync`
 * goes through `warmup.getAsync` or the container's `container.getAsync`; `report` takes
 * `warmup.report()`.
 */
export type Action =
  | { readonly at: number; readonly kind: 'getAsync'; readonly target: number; readonly via?: 'container' }
  | { readonly at: number; readonly kind: 'report' }
  /** `drainMs`: `shutdown({ drainMs })`, so components stay usable (and are handed out) that long. */
  | { readonly at: number; readonly kind: 'shutdown'; readonly drainMs?: number };

/**
 * A whole run: `boot()` at `bootAt` (0 when absent; before the actions of that ms), the actions in
 * time order, then `shutdown()` if no action did it.
 */
export interface Scenario {
  readonly options: ScenarioOptions;
  readonly components: readonly ComponentPlan[];
  readonly actions: readonly Action[];
  readonly bootAt?: number;
  /** The order of `register` (component indices); index order when absent. Dependencies always have lower indices. */
  readonly registration?: readonly number[];
}
