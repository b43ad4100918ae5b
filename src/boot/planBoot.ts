import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { buildGraph, type IsBoundElsewhere } from '../graph/buildGraph.js';
import { checkGraph } from '../graph/checkGraph.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import { effectivePriorities } from '../graph/effectivePriorities.js';

/** The graph work done once, before anything loads. */
export interface BootPlan {
  readonly graph: DependencyGraph;
  /** Priority after inversion, by component index. */
  readonly effective: Uint8Array;
  /** A topological order (dependencies first). */
  readonly order: Int32Array;
}

/** Priorities to plan with instead of the declared ones (the learned ones), or undefined. */
export type PriorityAdvice = (graph: DependencyGraph) => ArrayLike<number> | undefined;

/**
 * Builds the dependency graph, rejects cycles and missing dependencies, and applies priority
 * inversion (over the learned priorities, when `advise` gives some). Throws CircularDependencyError or MissingDependencyError; loads nothing. O(V + E).
 */
export function planBoot(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere, advise?: PriorityAdvice): BootPlan {
  const graph = buildGraph(registry, isBoundElsewhere);
  const order = checkGraph(graph, registry.specs);
  // Learned priorities go in before inversion, so inversion still holds on them.
  const own = advise?.(graph) ?? registry.specs.map((spec) => spec.priority);
  return { graph, effective: effectivePriorities(graph, order, own), order };
}
