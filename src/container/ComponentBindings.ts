import type { Container, ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { isPromiseLike, resolvingAsynchronously, type BindingServiceLike, type PluginContextLike } from '../component/inversifyInternals.js';
import { InternalError } from '../errors/InternalError.js';
import type { UsageRecorder } from '../adaptive/UsageRecorder.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { ComponentBinding, type BindingOwner } from './ComponentBinding.js';
import { ComponentPlans } from './ComponentPlans.js';
import { pluginContextOf } from './pluginContextOf.js';

/** How component tokens get their binding in the user's container. */
export type BindingStrategy = 'lazy' | 'eager';

/** Hands out a component's instance, or throws ComponentNotReadyError fit for its status. */
export interface InstanceSource {
  instanceOrThrow(index: number): unknown;
}

/** Loads a component on demand and resolves with its instance (`getAsync`). */
export interface OnDemandSource {
  instance(index: number): Promise<unknown>;
}


/**
 * Binds each component token in the user's container through a binding object of preheat's own,
 * shaped like inversify's `toDynamicValue(…).inSingletonScope()` binding. Its singleton cache is
 * read from preheat's state, not kept by inversify: it holds a value only while the component is
 * usable and only for the instance it has now, so a stopped, given-up or rebuilt component can never
 * be handed out stale, whatever inversify cached (snapshots included).
 *
 * - A warm `container.get` costs what any singleton costs (a cache hit). The first `get` of a
 *   token after its component became usable calls the factory once, so `onActivation` handlers of
 *   the token run once, as for any singleton.
 * - Not usable: `container.get` throws ComponentNotReadyError; `container.getAsync` (or an
 *   injection into something resolved with getAsync) loads the component on demand and resolves
 *   with it. inversify does not tell a binding which of the two resolves it, so preheat reads it
 *   from the call stack, on this rare path only (see `resolvingAsynchronously`).
 * - `lazy` (default): the binding object is made the first time the container looks the token up,
 *   through a plugin that wraps the container's binding lookup; registering 100,000 components costs
 *   no inversify work. `eager`: made at register. Either way, a component token is never "unbound"
 *   for long: after `unbind`, `unbindAll` or `restore()` of a snapshot the next lookup makes it
 *   again (the component still belongs to the Warmup); a binding of your own for the token (after
 *   `unbind`) wins over it.
 */
export class ComponentBindings implements BindingOwner {
  readonly #container: Container;
  readonly #registry: ComponentRegistry;
  readonly #states: ComponentStates;
  readonly #instances: InstanceSource;
  readonly #onDemand: OnDemandSource;
  readonly #usage: UsageRecorder;
  readonly #eager: boolean;
  /** Binding objects made, by component index (a token looked up again after removal gets a new one). */
  readonly #made = new Map<number, ComponentBinding>();
  readonly #service: BindingServiceLike;
  readonly #context: PluginContextLike;
  #peeking = false;
  /** Ready-made plans for warm component tokens: a first `get` plans nothing. */
  readonly plans: ComponentPlans;

  constructor(config: {
    readonly container: Container;
    readonly strategy: BindingStrategy;
    readonly registry: ComponentRegistry;
    readonly states: ComponentStates;
    readonly instances: InstanceSource;
    readonly onDemand: OnDemandSource;
    readonly usage: UsageRecorder;
  }) {
    const { registry, states } = config;
    this.#container = config.container;
    this.#registry = registry;
    this.#states = states;
    this.#instances = config.instances;
    this.#onDemand = config.onDemand;
    this.#usage = config.usage;
    this.#eager = config.strategy === 'eager';
    const context = (this.#context = pluginContextOf(config.container));
    const service = context.bindingService;
    if (typeof service?.getNonParentBindings !== 'function' || typeof service.set !== 'function') {
      throw new InternalError("inversify's plugin context has no bindingService: preheat needs inversify 8");
    }
    this.#service = hookBindingLookup(service as BindingServiceLike, (s, id) => this.#materialise(s, id), (clone) => this.#forgetIn(clone));
    this.plans = new ComponentPlans(context, registry, states, this, config.usage);
  }

  /** True when the token already has a binding in this container (one made for a component included). */
  isTaken(token: ServiceIdentifier): boolean {
    // Peeking: a token registered in an earlier batch but not looked up yet is the registry's
    // duplicate ('registered twice'), not a binding of the user's. Nothing bound at all (the usual
    // case) is one map lookup; anything bound is asked the container's own question.
    this.#peeking = true;
    try {
      if (this.#service.getNonParentBindings(token) === undefined) return false;
      return this.#container.isCurrentBound(token);
    } finally {
      this.#peeking = false;
    }
  }

  /** Binds a registered component's token (lazy mode: on first lookup). */
  add(spec: ComponentSpec): void {
    if (this.#eager) this.#service.set(this.#bindingOf(spec.index));
  }

  /** The component stopped handing its instance out (shutdown, given up, restarted): drop the cached value. */
  release(spec: ComponentSpec): void {
    this.#made.get(spec.index)?.forget();
  }

  /**
   * inversify caches a value after the factory (and activations) ran: kept only for a usable
   * component and a real value (a promise of a load on demand is not a value: the next `get` must
   * still say "not ready" while it runs).
   */
  accepts(binding: ComponentBinding, value: { readonly isRight: boolean; readonly value: unknown }): boolean {
    const status = this.#states.status[binding.index];
    return value.isRight && !isPromiseLike(value.value) && (status === ComponentStatus.Ready || status === ComponentStatus.Degraded);
  }

  /** The binding's factory: the instance; or, resolved by getAsync, the on-demand load. */
  resolve(index: number): unknown {
    const status = this.#states.status[index];
    if (status === ComponentStatus.Ready || status === ComponentStatus.Degraded) {
      this.#usage.factoryGet(index); // once per value inversify caches (activation handlers, bindings of yours)
      return this.#states.instance[index];
    }
    if (resolvingAsynchronously()) return this.#onDemand.instance(index);
    return this.#instances.instanceOrThrow(index);
  }

  /**
   * True when the container holds a binding for the component's token other than preheat's own (a
   * test double of yours): then inversify must plan it. Asks without making anything.
   */
  hasOthers(index: number): boolean {
    this.#peeking = true;
    let found: Iterable<unknown> | undefined;
    try {
      found = this.#context.bindingService?.getNonParentBindings?.(this.#registry.specs[index]!.token);
    } finally {
      this.#peeking = false;
    }
    if (found === undefined) return false;
    for (const binding of found) if (!(binding instanceof ComponentBinding)) return true;
    return false;
  }

  /** The lookup missed `id`: a component token gets its binding object now. */
  #materialise(service: BindingServiceLike, id: ServiceIdentifier): boolean {
    if (this.#peeking) return false;
    const index = this.#registry.indexOfToken(id);
    if (index < 0) return false;
    service.set(this.#bindingOf(index));
    return true;
  }

  /** One binding object per component, made once and added again wherever it went missing. */
  #bindingOf(index: number): ComponentBinding {
    let binding = this.#made.get(index);
    if (binding === undefined) this.#made.set(index, (binding = new ComponentBinding(this, index, this.#registry.specs[index]!.token)));
    return binding;
  }

  /** A snapshot's copy holds plain copies of our bindings: drop them, the lookup makes live ones. */
  #forgetIn(clone: BindingServiceLike): void {
    for (const binding of this.#made.values()) clone.removeById?.(binding.id);
  }
}

/**
 * Wraps the container's binding lookup (and that of every snapshot copy of it) so a component token
 * gets its binding the first time it is looked up, and again after it was removed.
 */
function hookBindingLookup(
  service: BindingServiceLike,
  materialise: (service: BindingServiceLike, id: ServiceIdentifier) => boolean,
  onClone: (clone: BindingServiceLike) => void,
): BindingServiceLike {
  const lookup = service.getNonParentBindings.bind(service);
  service.getNonParentBindings = (id: ServiceIdentifier) => lookup(id) ?? (materialise(service, id) ? lookup(id) : undefined);
  const clone = service.clone?.bind(service);
  if (clone !== undefined) {
    service.clone = () => {
      const copy = clone();
      onClone(copy);
      return hookBindingLookup(copy, materialise, onClone);
    };
  }
  return service;
}
