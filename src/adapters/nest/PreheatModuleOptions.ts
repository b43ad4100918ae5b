import { InvalidOptionError, type Warmup, type WarmupOptions } from '../../index.js';
import type { ReadinessGateOptions } from '../http/readinessGate.js';

/**
 * The injection token of the options given to `PreheatModule.forRoot`.
 *
 * @example
 * ```ts
 * constructor(@Inject(PREHEAT_MODULE_OPTIONS) private readonly options: PreheatModuleOptions) {}
 * ```
 */
export const PREHEAT_MODULE_OPTIONS = Symbol.for('preheat.nest.options');

/**
 * Options of `PreheatModule.forRoot()`. Every field is optional.
 *
 * @example
 * ```ts
 * PreheatModule.forRoot({
 *   warmup: { maxConcurrent: 4 },      // or a Warmup of your own, with components of its own
 *   wait: 'critical',                  // app.listen() binds the port once CRITICAL is usable
 *   drainMs: 5_000,                    // readiness fails, then 5 s, then Nest's hooks
 *   lazyModules: [ReportsModule],      // their @Warm() providers warm when the module loads
 * });
 * ```
 */
export interface PreheatModuleOptions {
  /** The Warmup to boot, or the options of the one the module creates (over a fresh inversify `Container`). */
  readonly warmup?: Warmup | WarmupOptions;
  /**
   * How much of the boot `app.init()` (and so `app.listen()`) waits for: `'none'`, `'critical'`
   * (the CRITICAL wave usable) or `'all'` (the whole boot; a failed required component fails
   * `init()`). Default `'critical'`: the port opens early and `@RequiresReady()` answers 503
   * until the rest is usable.
   */
  readonly wait?: 'none' | 'critical' | 'all';
  /** Time between readiness failing and Nest's shutdown hooks, in ms. Default 0. */
  readonly drainMs?: number;
  /**
   * Modules loaded with `LazyModuleLoader` whose `@Warm()` providers are preheat components
   * loaded on demand: when `LazyWarmModules.load(Module)` loads the module, or on
   * `warmup.getAsync(Provider)`.
   */
  readonly lazyModules?: readonly (new (...args: never[]) => unknown)[];
  /** `Retry-After` and Degraded handling of `@RequiresReady()` (see `checkRequires` of `preheat/http`). */
  readonly gate?: ReadinessGateOptions;
}

/** Throws InvalidOptionError for options `PreheatModule.forRoot` cannot use. */
export function checkModuleOptions(options: PreheatModuleOptions): void {
  const owner = 'PreheatModule.forRoot';
  const { wait, drainMs, lazyModules, warmup } = options;
  if (wait !== undefined && wait !== 'none' && wait !== 'critical' && wait !== 'all') {
    throw new InvalidOptionError(owner, 'wait', "must be 'none', 'critical' or 'all'", wait);
  }
  if (drainMs !== undefined && !(typeof drainMs === 'number' && drainMs >= 0 && drainMs <= 2_147_483_647)) {
    throw new InvalidOptionError(owner, 'drainMs', 'must be a number of ms, 0 or more', drainMs);
  }
  if (lazyModules !== undefined && !(Array.isArray(lazyModules) && lazyModules.every((m) => typeof m === 'function'))) {
    throw new InvalidOptionError(owner, 'lazyModules', 'must be a list of module classes', lazyModules);
  }
  if (warmup !== undefined && (typeof warmup !== 'object' || warmup === null)) {
    throw new InvalidOptionError(owner, 'warmup', 'must be a Warmup or the options of one', warmup);
  }
}

