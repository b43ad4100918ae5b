import type { LazyServiceIdentifier, ServiceIdentifier } from 'inversify';
import type { ComponentHealthOptions, WeightedHealthCheck } from '../health/HealthOptions.js';
import type { AdaptiveBounds } from '../adaptive/AdaptiveOptions.js';
import type { Priority } from './Priority.js';

/**
 * A dependency reference: a token, or inversify's `LazyServiceIdentifier` to break an import cycle.
 *
 * @example
 * ```ts
 * @Component({ dependsOn: ['config', new LazyServiceIdentifier(() => Db)] }) class Api {}
 * ```
 */
export type DependencyRef = ServiceIdentifier | LazyServiceIdentifier;

/**
 * One constructor parameter of {@link ComponentOptions.inject}: a token, or `{ token, optional }`.
 * An optional parameter receives `undefined` when the dependency failed or is not bound, as with
 * inversify's `@optional()`.
 *
 * @example
 * ```ts
 * @Component({ inject: [Config, { token: Metrics, optional: true }] })
 * class Api { constructor(readonly config: Config, readonly metrics?: Metrics) {} }
 * ```
 */
export type InjectRef = DependencyRef | { readonly token: DependencyRef; readonly optional?: boolean };

/**
 * Backoff between attempts, RxJS `RetryConfig`-like. The delay before attempt `n + 1` is
 * `min(maxDelay, delay * factor ** (n - 1))`, then jittered. Components and the health monitor's
 * recoveries share it.
 *
 * @example
 * ```ts
 * @Component({ retries: 3, backoff: { delay: 200, factor: 2, maxDelay: 5_000, jitter: 0.2 } })
 * ```
 */
export interface BackoffConfig {
  /** Base delay in ms. Default 1000. */
  readonly delay?: number;
  /** Growth factor per attempt. Default 2. */
  readonly factor?: number;
  /** Cap on one delay in ms. Default 30_000. */
  readonly maxDelay?: number;
  /** Random spread as a fraction of the delay, 0..1 (0.2 = ±20 %). Default 0. */
  readonly jitter?: number;
}

/**
 * Options of a component, given to `@Component(...)` or inside a {@link ComponentDefinition}.
 *
 * @example
 * ```ts
 * @Component({ priority: Priority.HIGH, dependsOn: [Config], timeout: 10_000, retries: 2 })
 * class Db { async onWarmup(signal: AbortSignal) { await this.pool.query('select 1'); // signal: see docs/recipes.md } }
 * ```
 */
export interface ComponentOptions {
  /** Wave the component loads in. Default `Priority.MEDIUM`. */
  readonly priority?: Priority;
  /** Ordering edges besides constructor injection; a failure here fails this component. */
  readonly dependsOn?: readonly DependencyRef[];
  /** Ordering edges whose failure does not propagate: the dependent loads and sees `undefined`. */
  readonly optionalDependsOn?: readonly DependencyRef[];
  /** Time limit of one attempt in ms (construction + warm-up). Default 30_000. */
  readonly timeout?: number;
  /** Extra attempts after the first. Default 0. */
  readonly retries?: number;
  /** The wait between attempts. Default `{ delay: 1000, factor: 2, maxDelay: 30_000, jitter: 0 }`. */
  readonly backoff?: BackoffConfig;
  /** Whether the boot fails when this component fails. Default true. */
  readonly required?: boolean;
  /** Estimated memory while loading, in MB, counted against `memoryBudgetMb`. Default 0. */
  readonly memoryMb?: number;
  /** Display name. Default: the class name, or the string/symbol token. */
  readonly name?: string;
  /**
   * Classes only: what to pass to each constructor parameter, in order. Needed where the compiler
   * emits no decorator metadata (tsx, esbuild, Vite, SWC, TypeScript without
   * `emitDecoratorMetadata`); recorded as inversify's `@inject` would. Each entry is an edge.
   */
  readonly inject?: readonly InjectRef[];
  /** Identifier to bind the class under instead of the class itself. */
  readonly token?: ServiceIdentifier;
  /** Time limit of the health check in ms. Default: the Warmup's `healthTimeout`. */
  readonly healthTimeout?: number;
  /** Time limit of the shutdown hook in ms. Default: the Warmup's `shutdownTimeout`. */
  readonly shutdownTimeout?: number;
  /**
   * How far `ctx.extendTimeout(ms)` may push one attempt's deadline, in ms from the attempt's start
   * (must be ≥ `timeout`). Default: `timeout`, so nothing extends unless you allow it: a component
   * that reports progress opts in, and a hang still times out at `timeout`.
   */
  readonly maxTimeout?: number;
  /**
   * Whether the component takes part (read once, when the boot is planned). A disabled one ends
   * `Skipped`: never constructed or loaded, neither ready nor failed. A dependent on a required edge
   * fails to plan (`PREHEAT_DEPENDENCY_SKIPPED`); on an optional edge it gets `undefined`. Default true.
   *
   * @example
   * ```ts
   * @Component({ enabled: () => process.env.QUEUES !== 'off' }) class OrderConsumer {}
   * ```
   */
  readonly enabled?: boolean | (() => boolean);
  /** Health tags, the monitor's `delay` and `period` for it, its mode thresholds and hysteresis (docs/lifecycle.md#health-model). */
  readonly health?: ComponentHealthOptions;
  /** Weighted health checks, besides `healthCheck` / `checkHealth()`: the score is their weighted mean. */
  readonly healthChecks?: readonly WeightedHealthCheck[];
  /**
   * Bounds for learned priorities (with a `profile`, see docs/adaptive.md), or `false` to keep its
   * priority whatever was learned. Default: between the more urgent of its own and HIGH, and DEFERRED.
   */
  readonly adaptive?: AdaptiveBounds | false;
  /**
   * The version of its snapshot's shape (with `WarmupOptions.cache`): a snapshot of another version
   * is never restored. Raise it when `snapshot()`'s output changes meaning. Default 0.
   */
  readonly cacheVersion?: string | number;
  /**
   * Hot / warm / cold: after `after` ms with no resolution (`get`, `getAsync`) the component is
   * released (its `onRelease`, else its shutdown hook, runs) and loads again on the next
   * `getAsync`; never while a usable component depends on it, nor once pinned (`warmup.pin`).
   */
  readonly idle?: { readonly after: number };
}
