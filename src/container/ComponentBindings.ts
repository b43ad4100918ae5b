import { bindingScopeValues, bindingTypeValues, type Container, type ServiceIdentifier } from 'inversify';
import type { ComponentSpec } from '../component/ComponentSpec.js';

/** How component tokens get their binding in the user's container. */
export type BindingStrategy = 'lazy' | 'eager';

type Factory = () => unknown;
/** Hands out component `index`'s instance or throws ComponentNotReadyError. */
export type InstanceOrThrow = (index: number) => unknown;

interface BindingServiceLike {
  getNonParentBindings(id: ServiceIdentifier): Iterable<unknown> | undefined;
  set(binding: object): void;
}

// inversify hands plugins its BindingService (the `PluginContext` of @inversifyjs/plugin); a plugin
// is recognised by this symbol. Nothing else of the plugin package is needed.
const isPlugin = Symbol.for('@inversifyjs/plugin/isPlugin');
// Ids of the bindings made here; far from inversify's own counter, which starts at 0.
let nextBindingId = 2 ** 40;

/**
 * Binds each component token in the user's container as a singleton whose factory hands out the
 * warm instance (or throws ComponentNotReadyError before there is one). inversify caches the first
 * value, so a warm `container.get` costs what any singleton costs.
 *
 * `lazy` (the default) records the factory and creates the inversify binding the first time the
 * container looks the token up (`get`, `isBound`, injection into another class), through a plugin
 * that wraps the container's binding lookup. Binding 100,000 tokens the plain way costs about as
 * much as booting them (see docs/performance.md); most tokens are never asked for by the container.
 * When the plugin hook is not there (another inversify version), it falls back to `eager`:
 * `bind(token).toDynamicValue(factory).inSingletonScope()` at register.
 */
export class ComponentBindings {
  readonly #container: Container;
  readonly #instanceOrThrow: InstanceOrThrow;
  /** The component index of a token (exact token match), or -1: the registry's own map, no copy. */
  readonly #indexOf: (token: ServiceIdentifier) => number;
  /** Lazy mode: components whose binding was made (usually few; the rest cost nothing here). */
  readonly #bound: Set<number> | undefined;
  #registered = 0;

  constructor(container: Container, strategy: BindingStrategy, instanceOrThrow: InstanceOrThrow, indexOf: (token: ServiceIdentifier) => number) {
    this.#container = container;
    this.#instanceOrThrow = instanceOrThrow;
    this.#indexOf = indexOf;
    this.#bound = strategy === 'lazy' && installLazyLookup(container, (id) => this.#materialise(id)) ? new Set() : undefined;
  }

  /**
   * True when the token already has a binding in this container, ours included: in lazy mode the
   * lookup materialises a pending one (it is a component token either way).
   */
  isTaken(token: ServiceIdentifier): boolean {
    return this.#container.isCurrentBound(token);
  }

  /** Binds a registered component's token (lazy mode: on first lookup). */
  add(spec: ComponentSpec): void {
    this.#registered++;
    if (this.#bound === undefined) this.#container.bind(spec.token).toDynamicValue(this.#factory(spec.index)).inSingletonScope();
  }

  /**
   * Drops a cached singleton so the next lookup asks the factory again (after shutdown, or when the
   * monitor gives up). A binding never materialised has nothing cached.
   */
  reset(spec: ComponentSpec): void {
    if (this.#bound !== undefined && !this.#bound.has(spec.index)) return;
    this.#container.rebind(spec.token).toDynamicValue(this.#factory(spec.index)).inSingletonScope();
  }

  /** Lazy mode: the binding for `id` if it is a component token not bound yet, else undefined. */
  #materialise(id: ServiceIdentifier): object | undefined {
    const bound = this.#bound!;
    if (bound.size === this.#registered) return undefined;
    const index = this.#indexOf(id);
    if (index < 0 || bound.has(index)) return undefined;
    bound.add(index);
    return dynamicSingleton(id, this.#factory(index));
  }

  #factory(index: number): Factory {
    return () => this.#instanceOrThrow(index);
  }
}

/**
 * Wraps the container's binding lookup so a component token gets its binding the first time it is
 * looked up. Returns false when the plugin hook is not there (the caller binds eagerly).
 */
function installLazyLookup(container: Container, materialise: (id: ServiceIdentifier) => object | undefined): boolean {
  let installed = false;
  class LazyComponentBindings {
    readonly [isPlugin] = true;
    constructor(_container: Container, context: { bindingService?: Partial<BindingServiceLike> }) {
      const service = context.bindingService;
      if (typeof service?.getNonParentBindings !== 'function' || typeof service.set !== 'function') return;
      const lookup = service.getNonParentBindings.bind(service);
      const set = service.set.bind(service);
      service.getNonParentBindings = (id: ServiceIdentifier) => {
        const found = lookup(id);
        if (found !== undefined) return found;
        const binding = materialise(id);
        if (binding === undefined) return undefined;
        set(binding);
        return lookup(id);
      };
      installed = true;
    }
    load(): void {}
  }
  try {
    container.register(LazyComponentBindings);
  } catch {
    return false;
  }
  return installed;
}

/** The binding `bind(id).toDynamicValue(factory).inSingletonScope()` builds, field for field. */
function dynamicSingleton(id: ServiceIdentifier, factory: Factory): object {
  return {
    cache: { isRight: false, value: undefined },
    id: nextBindingId++,
    isSatisfiedBy: () => true,
    moduleId: undefined,
    onActivation: undefined,
    onDeactivation: undefined,
    scope: bindingScopeValues.Singleton,
    serviceIdentifier: id,
    type: bindingTypeValues.DynamicValue,
    value: factory,
  };
}
