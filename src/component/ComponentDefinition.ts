import type { ServiceIdentifier } from 'inversify';
import type { HealthCheckResult, WeightedHealthCheck } from '../health/HealthOptions.js';
import type { ComponentOptions } from './ComponentOptions.js';
import type { WarmupContext } from './WarmupContext.js';

/**
 * What a loader receives: the {@link WarmupContext} (`signal`, `attempt`, `step`, `extendTimeout`)
 * and `get`.
 *
 * @example
 * ```ts
 * load: async ({ signal, get, step }) => step('connect', () => createPool(get(Config).dbUrl, { signal }))
 * ```
 */
export interface LoadContext extends WarmupContext {
  /**
   * A dependency's instance (from `dependsOn`/`optionalDependsOn`), or any other binding of the
   * container. A failed optional dependency gives `undefined`.
   */
  get<U>(id: ServiceIdentifier<U>): U;
}

/**
 * A component without a class (the seed's `register_component` form).
 *
 * @example
 * ```ts
 * warmup.register({
 *   token: 'db',
 *   priority: Priority.CRITICAL,
 *   dependsOn: ['config'],
 *   load: async ({ get }) => {
 *     const pool = new Pool({ connectionString: get<Config>('config').url }); // pg
 *     await pool.query('select 1');
 *     return pool;
 *   },
 *   healthCheck: async (pool, signal) => (await pool.query('select 1')).rowCount === 1,
 *   onShutdown: (pool) => pool.end(),
 * });
 * ```
 */
export interface ComponentDefinition<T = unknown> extends Omit<ComponentOptions, 'token' | 'healthChecks'> {
  /** Identifier the instance is bound under: a string, symbol or class. */
  readonly token: ServiceIdentifier<T>;
  /** Creates the instance. May be sync or async; honour `signal`. */
  load(ctx: LoadContext): T | Promise<T>;
  /** Health probe: a boolean, a score in [0, 1] or `{ score, detail }`; a throw scores 0. */
  healthCheck?(instance: T, signal: AbortSignal): HealthCheckResult | Promise<HealthCheckResult>;
  /** Weighted health checks of the instance (see `ComponentOptions.healthChecks`). */
  readonly healthChecks?: readonly WeightedHealthCheck<T>[];
  /** Recovery in place for the health monitor: bring the same instance back (e.g. reconnect). */
  recover?(instance: T, signal: AbortSignal): void | Promise<void>;
  /** Releases the instance at shutdown or when it is discarded. */
  onShutdown?(instance: T): void | Promise<void>;
}

/** Type guard: a definition object rather than a class. */
export function isComponentDefinition(item: unknown): item is ComponentDefinition {
  return typeof item === 'object' && item !== null && 'load' in item && 'token' in item;
}

/**
 * Identity helper that infers `T` for a definition.
 *
 * @example
 * ```ts
 * export const cache = defineComponent({ token: 'cache', load: () => new Map<string, string>() });
 * ```
 */
export function defineComponent<T>(definition: ComponentDefinition<T>): ComponentDefinition<T> {
  return definition;
}
