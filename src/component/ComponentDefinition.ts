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
  /**
   * Priming: after the last wave, before `ready`, a few representative calls so the first real
   * request finds warm (JIT-compiled) code. Within `timeout`; a failure is a warning.
   */
  prime?(instance: T, signal: AbortSignal): void | Promise<void>;
  /**
   * The cheap part of loading, run by `warmup.prepare(kind)` when the kind's use of this component
   * is likely but not certain (a DNS lookup, a file read into the page cache). A failure is a warning.
   */
  prepare?(signal: AbortSignal): void | Promise<void>;
  /** Releases the instance when it goes cold for idleness (`idle`); default: `onShutdown`. */
  onRelease?(instance: T): void | Promise<void>;
  /** Persisted warm state (with `WarmupOptions.cache`): a JSON-safe picture of the instance, saved after boot. */
  snapshot?(instance: T): unknown;
  /** Rebuilds the instance from a fresh snapshot of the same `cacheVersion`, instead of `load`. */
  restore?(state: unknown, ctx: LoadContext): T | Promise<T>;
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
