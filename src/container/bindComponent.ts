import type { Container } from 'inversify';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { DuplicateComponentError } from '../errors/DuplicateComponentError.js';

/**
 * Binds a component's token in the user's container as a singleton whose factory hands out the warm
 * instance, or throws ComponentNotReadyError while there is none. inversify caches the first value
 * it gets, so once the component is usable `container.get` costs what any singleton costs.
 */
export function bindComponent(container: Container, spec: ComponentSpec, instanceOrThrow: (index: number) => unknown): void {
  if (container.isCurrentBound(spec.token)) throw new DuplicateComponentError(spec.name, 'binding');
  const { index } = spec;
  container
    .bind(spec.token)
    .toDynamicValue(() => instanceOrThrow(index))
    .inSingletonScope();
}

/**
 * Replaces the binding so the cached singleton is dropped and the next `get` asks again: used when
 * the component stops, so `container.get` throws afterwards instead of handing out a stopped instance.
 */
export function resetBinding(container: Container, spec: ComponentSpec, instanceOrThrow: (index: number) => unknown): void {
  const { index } = spec;
  container
    .rebind(spec.token)
    .toDynamicValue(() => instanceOrThrow(index))
    .inSingletonScope();
}
