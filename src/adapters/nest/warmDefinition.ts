import type { ComponentDefinition, ComponentId, DependencyRef } from '../../index.js';
import type { WarmOptions } from './WarmOptions.js';

/** One `@Warm()` provider, as the module found it. */
export interface WarmProvider {
  readonly token: ComponentId;
  /** Nest's name for it (the class name, or the token). */
  readonly name: string;
  readonly options: WarmOptions;
  /** The other `@Warm()` providers its constructor injects. */
  readonly injects: readonly ComponentId[];
  /** Nest's instance: there already, or made by loading its lazy module. */
  readonly instance: () => object | Promise<object>;
}

interface Hooks {
  onWarmup?(signal: AbortSignal): unknown;
  checkHealth?(signal: AbortSignal): boolean | Promise<boolean>;
}

/**
 * The preheat component of a `@Warm()` provider: a loader definition whose instance is Nest's own
 * provider instance (preheat builds nothing), whose load is its `onWarmup(signal)`, and whose
 * dependencies are `dependsOn` plus the constructor edges. It has no `onShutdown`: Nest runs
 * the provider's own shutdown hooks.
 */
export function warmDefinition(provider: WarmProvider): ComponentDefinition<object> {
  const { healthCheck, dependsOn = [], name, ...options } = provider.options;
  const check = healthCheckOf(healthCheck);
  return {
    ...options,
    token: provider.token as ComponentDefinition<object>["token"],
    name: name ?? provider.name,
    dependsOn: [...new Set<DependencyRef>([...dependsOn, ...provider.injects])],
    load: async ({ signal }) => {
      const instance = (await provider.instance()) as Hooks;
      if (typeof instance.onWarmup === 'function') await instance.onWarmup(signal);
      return instance;
    },
    ...(check === undefined ? {} : { healthCheck: check }),
  };
}

function healthCheckOf(option: WarmOptions['healthCheck']): ((instance: object, signal: AbortSignal) => boolean | Promise<boolean>) | undefined {
  if (option === false) return undefined;
  if (typeof option === 'function') return option as (instance: object, signal: AbortSignal) => boolean | Promise<boolean>;
  // true, or by default when the provider has the method: its own checkHealth.
  return (instance, signal) => {
    const hooks = instance as Hooks;
    return typeof hooks.checkHealth === 'function' ? hooks.checkHealth(signal) : true;
  };
}
