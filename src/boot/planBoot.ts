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
}

/**
 * Builds the dependency graph, rejects cycles and missing dependencies, and applies priority
 * inversion. Throws CircularDependencyError or MissingDependencyError; loads nothing. O(V + E).
 */
export function planBoot(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere): BootPlan {
  const graph = buildGraph(registry, isBoundElsewhere);
  const order = checkGraph(graph, registry.specs);
  const own = registry.specs.map((spec) => spec.priority);
  return { graph, effective: effectivePriorities(graph, order, own) };
}
