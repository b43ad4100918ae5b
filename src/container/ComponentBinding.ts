import type { ServiceIdentifier } from 'inversify';

/** Who a component binding asks: its factory's answer, and whether a cached value may be kept. */
export interface BindingOwner {
  resolve(index: number): unknown;
  accepts(binding: ComponentBinding, value: { readonly isRight: boolean; readonly value: unknown }): boolean;
}

// Ids of the bindings preheat makes; far from inversify's own counter, which starts at 0.
let nextBindingId = 2 ** 40;
const notCached = Object.freeze({ isRight: false, value: undefined });

/**
 * One component token's binding, field for field the shape inversify gives
 * `bind(token).toDynamicValue(factory).inSingletonScope()`. Its `cache` is an accessor until
 * inversify caches a value preheat accepts; then an own data property shadows it, so a warm `get`
 * reads a plain field, as for any singleton. {@link forget} removes it again (the accessor answers
 * "not cached" for a component that is not usable).
 */
export class ComponentBinding {
  readonly id = nextBindingId++;
  readonly moduleId = undefined;
  readonly onActivation = undefined;
  readonly onDeactivation = undefined;
  readonly scope = 'Singleton';
  readonly type = 'DynamicValue';
  readonly value: () => unknown;

  constructor(
    readonly owner: BindingOwner,
    readonly index: number,
    readonly serviceIdentifier: ServiceIdentifier,
  ) {
    this.value = () => owner.resolve(index);
  }

  get cache(): { readonly isRight: boolean; readonly value: unknown } {
    return notCached;
  }

  set cache(value: { readonly isRight: boolean; readonly value: unknown }) {
    if (this.owner.accepts(this, value)) Object.defineProperty(this, 'cache', { value, writable: true, enumerable: true, configurable: true });
  }

  /** Drops the cached value: the next lookup asks preheat again. */
  forget(): void {
    delete (this as { cache?: unknown }).cache;
  }

  isSatisfiedBy(): boolean {
    return true;
  }
}
