import type { ComponentSpec } from '../component/ComponentSpec.js';
import { readPreDestroyMethods } from '../component/readInjections.js';
import type { WarmupContext } from '../component/WarmupContext.js';

type Health = (instance: unknown, signal: AbortSignal) => unknown;
type Dispose = (instance: unknown) => void | Promise<void>;

interface MaybeHooks {
  checkHealth?: (signal: AbortSignal) => unknown;
  onShutdown?: () => void | Promise<void>;
}

/** The health check of a component, from its definition or its class, or undefined. */
export function healthHookOf(spec: ComponentSpec, instance: unknown): Health | undefined {
  const fromDefinition = spec.definition?.healthCheck !== undefined;
  if (fromDefinition) return (i, s) => spec.definition!.healthCheck!(i, s);
  if (spec.ctor !== undefined && typeof (instance as MaybeHooks | null)?.checkHealth === 'function') {
    return (i, s) => (i as Required<MaybeHooks>).checkHealth(s);
  }
  return undefined;
}

/**
 * What releases an instance: the definition's `onShutdown(instance)`, or the class's `onShutdown()`
 * and inversify `@preDestroy` methods (in that order). Undefined when there is nothing to call.
 */
export function disposeHookOf(spec: ComponentSpec, instance: unknown): Dispose | undefined {
  const fromDefinition = spec.definition?.onShutdown !== undefined;
  if (fromDefinition) return (i) => spec.definition!.onShutdown!(i);
  if (spec.ctor === undefined || typeof instance !== 'object' || instance === null) return undefined;
  const methods: (string | symbol)[] = [];
  if (typeof (instance as MaybeHooks).onShutdown === 'function') methods.push('onShutdown');
  for (const name of readPreDestroyMethods(spec.ctor)) if (!methods.includes(name)) methods.push(name);
  if (methods.length === 0) return undefined;
  return async (i) => {
    for (const name of methods) await (i as Record<string | symbol, () => unknown>)[name]!();
  };
}

/** The priming hook: the definition's `prime(instance, signal)` or the class's `prime(signal)`, or undefined. */
export function primeHookOf(spec: ComponentSpec, instance: unknown): ((signal: AbortSignal) => unknown) | undefined {
  const definition = spec.definition;
  if (definition?.prime !== undefined) return (signal) => definition.prime!(instance, signal);
  const prime = spec.ctor === undefined ? undefined : (instance as { prime?: unknown } | null)?.prime;
  return typeof prime === 'function' ? (signal) => (prime as (s: AbortSignal) => unknown).call(instance, signal) : undefined;
}

/** The class's `onWarmup(signal, ctx)`, bound to the instance, or undefined when it has none. */
export function warmupHookOf(instance: unknown): ((signal: AbortSignal, ctx: WarmupContext) => unknown) | undefined {
  const onWarmup = (instance as { onWarmup?: unknown } | null)?.onWarmup;
  return typeof onWarmup === 'function' ? (signal, ctx) => (onWarmup as (s: AbortSignal, c: WarmupContext) => unknown).call(instance, signal, ctx) : undefined;
}
