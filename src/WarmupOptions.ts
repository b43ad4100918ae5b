import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { CacheOptions } from './adaptive/CacheOptions.js';
import type { ProfileOptions } from './adaptive/ProfileOptions.js';
import { maxTimerMs } from './component/validateOptions.js';
import { InvalidOptionError } from './errors/InvalidOptionError.js';

/**
 * Options of a {@link Warmup}. Every field is optional; defaults are documented per field.
 *
 * @example
 * ```ts
 * new Warmup(container, { maxConcurrent: 4, memoryBudgetMb: 2_048, schedule: 'eager' });
 * ```
 */
export interface WarmupOptions {
  /** Loads running at once at most. Default 10; `Infinity` for no limit. */
  readonly maxConcurrent?: number;
  /** Sum of `memoryMb` of the loads running at once at most. Default `Infinity` (no budget). */
  readonly memoryBudgetMb?: number;
  /** Time limit of a health check, ms. Default 5_000. */
  readonly healthTimeout?: number;
  /** Time limit of one component's shutdown hooks, ms. Default 10_000. */
  readonly shutdownTimeout?: number;
  /**
   * `'waves'` (default): a priority wave starts when the previous one has settled.
   * `'eager'`: a component starts as soon as its dependencies are usable and a slot is free;
   * when several are ready, the more urgent priority goes first.
   */
  readonly schedule?: 'waves' | 'eager';
  /** Abort everything at the first required failure. Default false. */
  readonly failFast?: boolean;
  /** The time seam: timeouts, backoff and timestamps. Default RxJS `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Random source of backoff jitter, in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /**
   * How component tokens are bound in the container. `'lazy'` (default): the inversify binding is
   * created the first time the container looks the token up, through a small inversify plugin;
   * registering 100,000 components then costs no inversify work. `'eager'`: `bind()` at register.
   * Either way `container.get` / `isBound` behave the same.
   */
  readonly binding?: 'lazy' | 'eager';
  /**
   * Who builds class components. `'preheat'` (default): preheat itself, from the same inversify
   * metadata inversify reads (`new Class(...deps)`, property injection, `@postConstruct` in order),
   * without a child container, a binding or a plan per class. `'inversify'`: inversify's own
   * resolution in a child container of yours, for each class (slower; for a class relying on
   * something preheat's construction does not mirror, such as several tags on one argument, preheat
   * falls back to it by itself).
   */
  readonly construction?: 'preheat' | 'inversify';
  /**
   * Learn from each boot and use it at the next: priorities, load order, predictions
   * (docs/adaptive.md). Default: usage is recorded in memory only and nothing is learned.
   */
  readonly profile?: ProfileOptions;
  /**
   * Persisted warm state: components with `snapshot()` / `restore(state, signal)` are saved here
   * after a successful boot and restored at the next one (docs/adaptive.md). Default: none.
   */
  readonly cache?: CacheOptions | undefined;
}

/** {@link WarmupOptions} with defaults applied. */
export type ResolvedWarmupOptions = Required<WarmupOptions>;

/** Applies defaults and rejects unusable values with an InvalidOptionError naming the option. */
export function resolveWarmupOptions(options: WarmupOptions = {}): ResolvedWarmupOptions {
  if (typeof options !== 'object' || options === null) throw new InvalidOptionError('Warmup', 'options', 'must be an object', options);
  // `=== undefined`, not `??`: null is a wrong value, not a missing one.
  const resolved: ResolvedWarmupOptions = {
    maxConcurrent: options.maxConcurrent === undefined ? 10 : options.maxConcurrent,
    memoryBudgetMb: options.memoryBudgetMb === undefined ? Infinity : options.memoryBudgetMb,
    healthTimeout: options.healthTimeout === undefined ? 5_000 : options.healthTimeout,
    shutdownTimeout: options.shutdownTimeout === undefined ? 10_000 : options.shutdownTimeout,
    schedule: options.schedule === undefined ? 'waves' : options.schedule,
    failFast: options.failFast === undefined ? false : options.failFast,
    scheduler: options.scheduler === undefined ? asyncScheduler : options.scheduler,
    random: options.random === undefined ? Math.random : options.random,
    binding: options.binding === undefined ? 'lazy' : options.binding,
    construction: options.construction === undefined ? 'preheat' : options.construction,
    profile: options.profile === undefined ? {} : options.profile,
    cache: options.cache,
  };
  const { maxConcurrent, memoryBudgetMb, healthTimeout, shutdownTimeout, schedule } = resolved;
  if (!(typeof maxConcurrent === 'number' && (maxConcurrent === Infinity || (Number.isInteger(maxConcurrent) && maxConcurrent >= 1)))) {
    throw new InvalidOptionError('Warmup', 'maxConcurrent', 'must be a whole number ≥ 1, or Infinity for no limit', maxConcurrent);
  }
  if (!(typeof memoryBudgetMb === 'number' && memoryBudgetMb > 0)) {
    throw new InvalidOptionError('Warmup', 'memoryBudgetMb', 'must be a positive number of MB (Infinity for no budget)', memoryBudgetMb);
  }
  checkTimerLimit('healthTimeout', healthTimeout);
  checkTimerLimit('shutdownTimeout', shutdownTimeout);
  if (typeof resolved.failFast !== 'boolean') throw new InvalidOptionError('Warmup', 'failFast', 'must be a boolean', resolved.failFast);
  if (typeof resolved.random !== 'function') throw new InvalidOptionError('Warmup', 'random', 'must be a function returning a number in [0, 1)', resolved.random);
  const { scheduler } = resolved;
  if (typeof scheduler !== 'object' || scheduler === null || typeof scheduler.now !== 'function' || typeof scheduler.schedule !== 'function') {
    throw new InvalidOptionError('Warmup', 'scheduler', 'must be an RxJS SchedulerLike (with now() and schedule())', scheduler);
  }
  if (resolved.binding !== 'lazy' && resolved.binding !== 'eager') {
    throw new InvalidOptionError('Warmup', 'binding', "must be 'lazy' or 'eager'", resolved.binding);
  }
  if (resolved.construction !== 'preheat' && resolved.construction !== 'inversify') {
    throw new InvalidOptionError('Warmup', 'construction', "must be 'preheat' or 'inversify'", resolved.construction);
  }
  checkProfile(resolved.profile);
  checkCache(resolved.cache);
  if (schedule !== 'waves' && schedule !== 'eager') {
    throw new InvalidOptionError('Warmup', 'schedule', "must be 'waves' or 'eager'", schedule);
  }
  return resolved;
}

function checkProfile(profile: unknown): void {
  if (typeof profile !== 'object' || profile === null) throw new InvalidOptionError('Warmup', 'profile', 'must be an object ({ path } or { store })', profile);
  const { path, store, saveInterval, decay, alpha, apply } = profile as ProfileOptions;
  if (path !== undefined && (typeof path !== 'string' || path.length === 0)) throw new InvalidOptionError('Warmup', 'profile.path', 'must be a non-empty file path', path);
  if (store !== undefined && (typeof store?.load !== 'function' || typeof store.save !== 'function')) {
    throw new InvalidOptionError('Warmup', 'profile.store', 'must be a ProfileStore (with load() and save())', store);
  }
  if (saveInterval !== undefined) checkTimerLimit('profile.saveInterval', saveInterval);
  for (const [name, value] of [['profile.decay', decay], ['profile.alpha', alpha]] as const) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 1)) throw new InvalidOptionError('Warmup', name, 'must be a number from 0 to 1', value);
  }
  if (apply !== undefined && typeof apply !== 'boolean') throw new InvalidOptionError('Warmup', 'profile.apply', 'must be a boolean', apply);
}

function checkCache(cache: unknown): void {
  if (cache === undefined) return;
  if (typeof cache !== 'object' || cache === null) throw new InvalidOptionError('Warmup', 'cache', 'must be an object ({ dir, maxAge, maxBytes })', cache);
  const { dir, maxAge, maxBytes } = cache as CacheOptions;
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidOptionError('Warmup', 'cache.dir', 'must be a non-empty folder path', dir);
  if (maxAge !== undefined && !(typeof maxAge === 'number' && maxAge > 0)) throw new InvalidOptionError('Warmup', 'cache.maxAge', 'must be a positive number of ms', maxAge);
  if (maxBytes !== undefined && !(typeof maxBytes === 'number' && maxBytes > 0)) throw new InvalidOptionError('Warmup', 'cache.maxBytes', 'must be a positive number of bytes', maxBytes);
}

function checkTimerLimit(option: string, value: unknown): void {
  if (!(typeof value === 'number' && value > 0 && (value <= maxTimerMs || value === Infinity))) {
    throw new InvalidOptionError('Warmup', option, `must be a positive number of ms up to ${maxTimerMs} (Infinity for no limit)`, value);
  }
}
