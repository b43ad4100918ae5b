import type { ComponentOptions } from '../../index.js';

/**
 * Options of `@Warm()`: the preheat component options a Nest provider takes. Dependencies are
 * `dependsOn` plus the provider's constructor injections of other `@Warm()` providers, read
 * from Nest's own metadata: you do not list those twice.
 *
 * @example
 * ```ts
 * @Warm({ priority: Priority.CRITICAL, timeout: 5_000, retries: 2, backoff: { delay: 200 } })
 * @Injectable()
 * class Db implements OnWarmup { async onWarmup(signal: AbortSignal) { await this.pool.query('select 1'); } }
 * ```
 */
export interface WarmOptions
  extends Pick<ComponentOptions, 'priority' | 'dependsOn' | 'optionalDependsOn' | 'timeout' | 'retries' | 'backoff' | 'required' | 'memoryMb' | 'name' | 'healthTimeout'> {
  /**
   * The health check run after each warm-up (and by `warmup.monitor()`): `true` for the
   * provider's `checkHealth(signal)` method, a function of the instance, or `false` for none.
   * Default: `checkHealth` when the provider has one.
   */
  readonly healthCheck?: boolean | ((instance: never, signal: AbortSignal) => boolean | Promise<boolean>);
}
