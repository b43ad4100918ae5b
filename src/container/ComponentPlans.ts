import type { ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import { type ActivationServiceLike, type PlanCacheLike, type PlanOptionsLike, type PlanResultLike, type PluginContextLike } from '../component/inversifyInternals.js';
import type { UsageRecorder } from '../adaptive/UsageRecorder.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';

/**
 * Ready-made plans for the tokens of usable components. inversify plans a token the first time it
 * is resolved (~10 µs, cold), and a service booted with inversify's own `getAsync` has every token
 * planned by the end of its boot. After a preheat boot the same holds: {@link prepare} (the last
 * step of the boot, `boot/runBoot.ts`) puts a plan of preheat's own in the container's plan cache
 * for every usable component whose only binding is preheat's and that has no activation handlers,
 * and a plan-cache miss for such a token later (a component loaded on demand, a plan dropped) makes
 * one on the spot. The plan hands out the component's instance while it is usable and asks the
 * binding's factory otherwise (ComponentNotReadyError, or the load on demand under getAsync).
 *
 * A binding of yours for the token (or removed from it), or an activation handler added for it,
 * drops that plan, so inversify plans anew and runs your handler once, as for any singleton.
 */
export class ComponentPlans {
  readonly #cache: PlanCacheLike | undefined;
  readonly #context: PluginContextLike;
  readonly #lookup: (id: ServiceIdentifier) => PlanResultLike | undefined = () => undefined;
  /** This Warmup's plan class: what its plans read is on its prototype. */
  readonly #Plan: new (index: number) => ComponentPlan;
  /** The activation service whose `add` drops plans (inversify's restore() replaces it, and clears every plan). */
  #watched: ActivationServiceLike | undefined;

  constructor(
    context: PluginContextLike,
    private readonly registry: ComponentRegistry,
    private readonly states: ComponentStates,
    private readonly bindings: { hasOthers(index: number): boolean; resolve(index: number): unknown },
    usage: UsageRecorder,
  ) {
    this.#context = context;
    this.#Plan = planClass({ owner: bindings, specs: registry.specs, status: states.status, instance: states.instance, usage });
    const cache = context.planResultCacheService;
    if (typeof cache?.getByServiceIdentifier !== 'function' || typeof cache.set !== 'function' || typeof cache.invalidateServiceBinding !== 'function') return;
    if (typeof context.activationService?.get !== 'function') return;
    const plans = cache as PlanCacheLike;
    this.#cache = plans;
    const lookup = (this.#lookup = plans.getByServiceIdentifier.bind(plans));
    const invalidate = plans.invalidateServiceBinding.bind(plans);
    plans.getByServiceIdentifier = (id) => lookup(id) ?? this.#plan(id, this.registry.indexOfToken(id));
    plans.invalidateServiceBinding = (invalidation) => {
      this.#drop(invalidation.binding.serviceIdentifier);
      invalidate(invalidation);
    };
    this.#watchActivations();
  }

  /**
   * Plans every usable component's token that has no plan yet, as inversify's own `getAsync` boot
   * leaves its tokens: the first `container.get` after the boot plans nothing.
   */
  prepare(): void {
    if (this.#cache === undefined) return;
    const { specs } = this.registry;
    const { status } = this.states;
    for (let i = 0; i < specs.length; i++) {
      if (isUsable(status[i]!) && this.#lookup(specs[i]!.token) === undefined) this.#plan(specs[i]!.token, i);
    }
  }

  #plan(id: ServiceIdentifier, index: number): PlanResultLike | undefined {
    if (index < 0 || !isUsable(this.states.status[index]!)) return undefined;
    this.#watchActivations(); // restore() may have put in another activation service since
    if (this.#context.activationService!.get!(id) !== undefined) return undefined;
    if (this.bindings.hasOthers(index)) return undefined;
    const plan = new this.#Plan(index);
    key.serviceIdentifier = id; // read at once by set(): one key object serves every call
    this.#cache!.set(key, plan);
    return plan;
  }

  #drop(id: ServiceIdentifier): void {
    if (this.#lookup(id) instanceof ComponentPlan) this.#cache!.set(keyOf(id), undefined);
  }

  /**
   * An activation handler added for a planned token drops its plan: it runs at the next resolution
   * (inversify's plan, the binding's factory), once per instance. The container's own activation
   * service is watched, the one in use now (restore() swaps in the snapshot's); a handler added
   * later to a parent container is not seen (docs/lifecycle.md).
   */
  #watchActivations(): void {
    const service = this.#context.activationService as ActivationServiceLike | undefined;
    if (service === this.#watched || typeof service?.add !== 'function') return;
    this.#watched = service;
    const add = service.add.bind(service);
    service.add = (activation, relation) => {
      if (relation?.serviceId !== undefined) this.#drop(relation.serviceId);
      add(activation, relation);
    };
  }
}

/** What a plan reads: preheat's specs and state arrays (never replaced) and the usage recorder. */
interface PlanSource {
  readonly owner: { resolve(index: number): unknown };
  readonly specs: readonly ComponentSpec[];
  readonly status: readonly ComponentStatus[];
  readonly instance: readonly unknown[];
  readonly usage: UsageRecorder;
}

/**
 * A ready-made plan: the plan result, its tree and its root in one object (inversify reads
 * `plan.tree.root`, so `tree` and `root` are the plan itself). Its one own field is the component's
 * index: what every plan of a Warmup shares sits on its class's prototype ({@link planClass}), so a
 * plan is 32 bytes, not 64 (100,000 of them are 3 MB less). With no activation handlers, the
 * singleton inversify would cache is the component's instance itself: read it from preheat's state;
 * not usable any more, the binding's factory answers.
 */
abstract class ComponentPlan implements PlanResultLike {
  /**
   * False, on the prototype: inversify's planner reuses a cached plan's root as a node of the plan
   * of anything that depends on the token only when it is context-free, and a ready-made plan is no
   * such node (it has no `bindings`: property injection, `toService` and invalidation read them).
   * So a dependent is planned through the token's binding, and that plan replaces this one.
   */
  declare readonly isContextFree: false;
  /** On the prototype of each Warmup's plan class. */
  declare readonly source: PlanSource;

  constructor(private readonly index: number) {}

  get tree(): this {
    return this;
  }

  get root(): this {
    return this;
  }

  get serviceIdentifier(): ServiceIdentifier {
    return this.source.specs[this.index]!.token;
  }

  resolve(): unknown {
    const i = this.index;
    const source = this.source;
    const status = source.status[i];
    if (status === ComponentStatus.Ready || status === ComponentStatus.Degraded) {
      // The profile: one increment while something reads the counts, the first use while a saved
      // profile times it, the scope lookup only while a track() is open.
      const usage = source.usage;
      if (usage.counting) usage.gets[i]!++;
      if (usage.timing) usage.firstUse(i);
      if (usage.scopes > 0) usage.touch(i);
      return source.instance[i];
    }
    return source.owner.resolve(i);
  }
}
Object.defineProperty(ComponentPlan.prototype, 'isContextFree', { value: false });

/** The plan class of one Warmup: its source on the prototype, shared by every plan it makes. */
function planClass(source: PlanSource): new (index: number) => ComponentPlan {
  class Plan extends ComponentPlan {}
  Object.defineProperty(Plan.prototype, 'source', { value: source });
  return Plan;
}

function keyOf(serviceIdentifier: ServiceIdentifier): PlanOptionsLike {
  return { isMultiple: false, name: undefined, optional: false, serviceIdentifier, tag: undefined };
}

const key: { -readonly [K in keyof PlanOptionsLike]: PlanOptionsLike[K] } = keyOf('');
