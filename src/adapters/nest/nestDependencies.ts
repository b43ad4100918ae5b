import type { DiscoveryService } from '@nestjs/core';
import type { ComponentId } from '../../index.js';

/** A provider as Nest's DiscoveryService hands it out (Nest's `InstanceWrapper`). */
export type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];

type Class = abstract new (...args: never[]) => unknown;

/** Nest's metadata keys, as `@nestjs/common` writes them (`design:paramtypes` is the compiler's). */
const paramTypesKey = 'design:paramtypes';
const selfDeclaredKey = 'self:paramtypes';

/** `forwardRef(() => X)` as Nest records it. */
function unwrap(token: unknown): unknown {
  if (typeof token === 'object' && token !== null && 'forwardRef' in token && typeof token.forwardRef === 'function') return (token.forwardRef as () => unknown)();
  return token;
}

/** The wrappers Nest resolved for a provider's constructor (a factory's `inject` too) and its injected properties. */
function resolvedDependencies(wrapper: ProviderWrapper): ProviderWrapper[] {
  const ctor = (wrapper.getCtorMetadata() as (ProviderWrapper | undefined)[] | undefined) ?? [];
  const properties = (wrapper.getPropertiesMetadata() as { wrapper?: ProviderWrapper }[] | undefined) ?? [];
  return [...ctor, ...properties.map((p) => p.wrapper)].filter((dep): dep is ProviderWrapper => dep !== undefined);
}

/**
 * The `@Warm()` providers an instantiated provider depends on, in Nest's own terms: what Nest
 * resolved for its constructor and properties, followed through providers that are not `@Warm()`
 * (a `Repo` in between still makes `Search` wait for the `Db` the repo injects). Iterative.
 */
export function warmDependencies(provider: ProviderWrapper, isWarm: (token: unknown) => boolean): ComponentId[] {
  const found = new Set<ComponentId>();
  const seen = new Set<ProviderWrapper>([provider]);
  const stack = resolvedDependencies(provider);
  while (stack.length > 0) {
    const dep = stack.pop()!;
    if (seen.has(dep)) continue;
    seen.add(dep);
    if (isWarm(dep.token)) found.add(dep.token as ComponentId);
    else stack.push(...resolvedDependencies(dep));
  }
  return [...found];
}

/**
 * The `@Warm()` classes a class not instantiated yet (in a lazy module) injects: the compiler's
 * `design:paramtypes` overridden by `@Inject(token)` (`self:paramtypes`), as Nest's injector reads
 * them. Direct edges only: the providers in between do not exist yet.
 */
export function classWarmDependencies(cls: Class, isWarm: (token: unknown) => boolean): ComponentId[] {
  const types = [...((Reflect.getMetadata(paramTypesKey, cls) as unknown[] | undefined) ?? [])];
  for (const { index, param } of (Reflect.getMetadata(selfDeclaredKey, cls) as { index: number; param: unknown }[] | undefined) ?? []) types[index] = param;
  return [...new Set(types.map(unwrap).filter(isWarm))] as ComponentId[];
}
