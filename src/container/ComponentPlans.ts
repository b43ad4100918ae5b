import type { ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import { type PlanCacheLike, type PlanOptionsLike, type PlanResultLike, type PluginContextLike } from '../component/inversifyInternals.js';
import type { UsageRecorder } from '../adaptive/UsageRecorder.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';

/**
 * Ready-made plans for the tokens of usable components. inversify plans a token the first time it
 * is resolved (~10 µs, cold): after a preheat boot every component token is still unplanned, where
 * a service booted with inversify's own getAsync has them all planned, so the first `get` of 10,000
 * tokens cost ~100 ms against ~11 ms. On a plan-cache miss for `container.get(token)` (no options)
 * of a usable component whose only binding is preheat's and that has no activation handlers, this
 * puts in a plan of its own that hands out the component's instance instead.
 * A binding of yours for the token (or removed from it) drops that plan, so inversify plans anew.
 */
export class ComponentPlans {
  readonly #cache: PlanCacheLike | undefined;

  constructor(
    context: PluginContextLike,
    private readonly registry: ComponentRegistry,
    private readonly states: ComponentStates,
    private readonly bindings: { hasOthers(index: number): boolean; resolve(index: number): unknown },
    private readonly usage: UsageRecorder,
  ) {
    const cache = context.planResultCacheService;
    const activations = context.activationService;
    if (typeof cache?.getByServiceIdentifier !== 'function' || typeof cache.set !== 'function' || typeof cache.invalidateServiceBinding !== 'function') return;
    if (typeof activations?.get !== 'function') return;
    const plans = cache as PlanCacheLike;
    this.#cache = plans;
    const lookup = plans.getByServiceIdentifier.bind(plans);
    const invalidate = plans.invalidateServiceBinding.bind(plans);
    const hasActivations = (id: ServiceIdentifier): boolean => activations.get!(id) !== undefined;
    plans.getByServiceIdentifier = (id) => lookup(id) ?? this.#plan(id, hasActivations);
    plans.invalidateServiceBinding = (invalidation) => {
      const id = invalidation.binding.serviceIdentifier;
      if (lookup(id) instanceof ComponentPlan) plans.set(keyOf(id), undefined);
      invalidate(invalidation);
    };
  }

  #plan(id: ServiceIdentifier, hasActivations: (id: ServiceIdentifier) => boolean): PlanResultLike | undefined {
    const index = this.registry.indexOfToken(id);
    if (index < 0 || !isUsable(this.states.status[index]!) || hasActivations(id)) return undefined;
    if (this.bindings.hasOthers(index)) return undefined;
    this.usage.firstUse(index); // a plan is made at the first get of a warm token: time it here, not on every get
    const plan = new ComponentPlan(this.bindings, index, id, this.states.status, this.states.instance, this.usage);
    key.serviceIdentifier = id; // read at once by set(): one key object serves every call
    this.#cache!.set(key, plan);
    return plan;
  }
}

/**
 * A ready-made plan: the plan result, its tree and its root in one object (inversify reads
 * `plan.tree.root`, so `tree` and `root` point back at it): one allocation per token. With no
 * activation handlers, the singleton inversify would cache is the component's instance itself:
 * read it from preheat's state (the arrays, held directly: they are never replaced, and a warm get
 * loads no more fields than it must); not usable any more, the binding's factory answers
 * (ComponentNotReadyError, or the load on demand under getAsync).
 */
class ComponentPlan implements PlanResultLike {
  declare readonly isContextFree: true;
  readonly tree: this;
  readonly root: this;
  /** The profile's get counts, held directly, or undefined: without a profile or an idle component nobody reads them. */
  private readonly gets: Float64Array | undefined;

  constructor(
    private readonly owner: { resolve(index: number): unknown },
    private readonly index: number,
    readonly serviceIdentifier: ServiceIdentifier,
    private readonly status: readonly ComponentStatus[],
    private readonly instance: readonly unknown[],
    private readonly usage: UsageRecorder,
  ) {
    this.tree = this;
    this.root = this;
    // Sized at plan time, before any plan exists: never replaced after.
    this.gets = usage.counting ? usage.gets : undefined;
  }

  resolve(): unknown {
    const i = this.index;
    const status = this.status[i];
    if (status === ComponentStatus.Ready || status === ComponentStatus.Degraded) {
      // The use count of the profile: one increment; the scope lookup only while a track() is open.
      if (this.gets !== undefined) this.gets[i]!++;
      if (this.usage.scopes > 0) this.usage.touch(i);
      return this.instance[i];
    }
    return this.owner.resolve(i);
  }
}
// On the prototype: every plan is context-free (inversify reads it when caching), no field per plan.
Object.defineProperty(ComponentPlan.prototype, 'isContextFree', { value: true });

function keyOf(serviceIdentifier: ServiceIdentifier): PlanOptionsLike {
  return { isMultiple: false, name: undefined, optional: false, serviceIdentifier, tag: undefined };
}

const key: { -readonly [K in keyof PlanOptionsLike]: PlanOptionsLike[K] } = keyOf('');
