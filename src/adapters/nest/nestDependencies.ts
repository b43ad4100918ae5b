import type { DiscoveryService } from '@nestjs/core';
import type { ComponentId } from '../../index.js';

/** A provider as Nest's DiscoveryService hands it out (Nest's `InstanceWrapper`). */
export type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];

/** Nest's metadata keys, as `@nestjs/common` writes them (`design:paramtypes` is the compiler's). */
const paramTypesKey = 'design:paramtypes';
const selfDeclaredKey = 'self:paramtypes';

/** `forwardRef(() => X)` as Nest records it. */
function unwrap(token: unknown): unknown {
  if (typeof token === 'object' && token !== null && 'forwardRef' in token && typeof token.forwardRef === 'function') return (token.forwardRef as () => unknown)();
  return token;
}

/**
 * The tokens a provider's constructor injects, in Nest's own terms. For an instantiated provider,
 * the wrappers Nest resolved for its constructor (`InstanceWrapper.getCtorMetadata()`, which
 * also covers a factory's `inject`); for a class not instantiated yet (in a lazy module), the
 * compiler's `design:paramtypes` overridden by `@Inject(token)` (`self:paramtypes`), as Nest's
 * injector reads them.
 */
export function injectedTokens(provider: ProviderWrapper | (abstract new (...args: never[]) => unknown)): unknown[] {
  if (typeof provider !== 'function') {
    const resolved = (provider.getCtorMetadata() as (ProviderWrapper | undefined)[] | undefined) ?? [];
    if (resolved.length > 0) return resolved.filter((dep) => dep !== undefined).map((dep) => dep.token as unknown);
    if (typeof provider.metatype !== 'function' || provider.inject) return (provider.inject ?? []).map(unwrap);
    return injectedTokens(provider.metatype as abstract new (...args: never[]) => unknown);
  }
  const types = [...((Reflect.getMetadata(paramTypesKey, provider) as unknown[] | undefined) ?? [])];
  for (const { index, param } of (Reflect.getMetadata(selfDeclaredKey, provider) as { index: number; param: unknown }[] | undefined) ?? []) types[index] = param;
  return types.map(unwrap);
}

/** The injected tokens that are preheat components: the edges preheat orders the warm-ups by. */
export function warmEdges(injected: readonly unknown[], isWarm: (token: unknown) => boolean): ComponentId[] {
  return [...new Set(injected.filter(isWarm))] as ComponentId[];
}
