import { asyncScheduler, type SchedulerLike } from 'rxjs';
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
}

/** {@link WarmupOptions} with defaults applied. */
export type ResolvedWarmupOptions = Required<WarmupOptions>;

/** Applies defaults and rejects unusable values with an InvalidOptionError naming the option. */
export function resolveWarmupOptions(options: WarmupOptions = {}): ResolvedWarmupOptions {
  const resolved: ResolvedWarmupOptions = {
    maxConcurrent: options.maxConcurrent ?? 10,
    memoryBudgetMb: options.memoryBudgetMb ?? Infinity,
    healthTimeout: options.healthTimeout ?? 5_000,
    shutdownTimeout: options.shutdownTimeout ?? 10_000,
    schedule: options.schedule ?? 'waves',
    failFast: options.failFast ?? false,
    scheduler: options.scheduler ?? asyncScheduler,
    random: options.random ?? Math.random,
    binding: options.binding ?? 'lazy',
  };
  const { maxConcurrent, memoryBudgetMb, healthTimeout, shutdownTimeout, schedule } = resolved;
  if (!(maxConcurrent >= 1) || (Number.isFinite(maxConcurrent) && !Number.isInteger(maxConcurrent))) {
    throw new InvalidOptionError('Warmup', 'maxConcurrent', 'must be a whole number ≥ 1, or Infinity for no limit', maxConcurrent);
  }
  if (!(memoryBudgetMb > 0)) throw new InvalidOptionError('Warmup', 'memoryBudgetMb', 'must be a positive number of MB', memoryBudgetMb);
  if (!(healthTimeout > 0)) throw new InvalidOptionError('Warmup', 'healthTimeout', 'must be a positive number of ms', healthTimeout);
  if (!(shutdownTimeout > 0)) throw new InvalidOptionError('Warmup', 'shutdownTimeout', 'must be a positive number of ms', shutdownTimeout);
  if (resolved.binding !== 'lazy' && resolved.binding !== 'eager') {
    throw new InvalidOptionError('Warmup', 'binding', "must be 'lazy' or 'eager'", resolved.binding);
  }
  if (schedule !== 'waves' && schedule !== 'eager') {
    throw new InvalidOptionError('Warmup', 'schedule', "must be 'waves' or 'eager'", schedule);
  }
  return resolved;
}
