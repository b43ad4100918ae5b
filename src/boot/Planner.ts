import type { Container } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { debug } from '../debug.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import { planBoot, type BootPlan, type PriorityAdvice } from './planBoot.js';

/**
 * The plan's one owner: builds it the first time it is asked (by `boot()` or the first `getAsync`),
 * which freezes the registry, and keeps it. Everything that reads the graph or the effective
 * priorities reads them here; before the plan they are undefined.
 */
export class Planner {
  #plan: BootPlan | undefined;

  constructor(
    private readonly registry: ComponentRegistry,
    private readonly container: Container,
    /** Learned priorities (the profile's advisor), asked once, when the plan is built. */
    private readonly advisor?: { readonly advise: PriorityAdvice },
  ) {}

  /** The plan, built once; throws CircularDependencyError / MissingDependencyError (and keeps nothing). */
  plan(): BootPlan {
    if (this.#plan !== undefined) return this.#plan;
    const plan = planBoot(this.registry, (id, constraints) => this.container.isBound(id, constraints), this.advisor?.advise);
    debug('plan: %d components, %d edges', plan.graph.size, plan.graph.depList.length);
    return (this.#plan = plan);
  }

  /** True once the plan is built: registration is closed. */
  get planned(): boolean {
    return this.#plan !== undefined;
  }

  get graph(): DependencyGraph | undefined {
    return this.#plan?.graph;
  }

  get order(): Int32Array | undefined {
    return this.#plan?.order;
  }

  /** Priority after inversion, by index. */
  get effective(): Uint8Array | undefined {
    return this.#plan?.effective;
  }
}
