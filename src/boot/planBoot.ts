import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { buildGraph, type IsBoundElsewhere } from '../graph/buildGraph.js';
import { checkGraph } from '../graph/checkGraph.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import { effectivePriorities } from '../graph/effectivePriorities.js';
import { planSkips, type Skip } from './planSkips.js';

/** The graph work done once, before anything loads. */
export interface BootPlan {
  readonly graph: DependencyGraph;
  /** Priority after inversion, by component index. */
  readonly effective: Uint8Array;
  /** Components disabled by their `enabled` option (they end Skipped), by index. */
  readonly skipped: readonly Skip[];
  /** A topological order (dependencies first). */
  readonly order: Int32Array;
}

/** Priorities to plan with instead of the declared ones (the learned ones), or undefined. */
export type PriorityAdvice = (graph: DependencyGraph) => ArrayLike<number> | undefined;

/**
 * Builds the dependency graph, rejects cycles and missing dependencies, applies priority inversion
 * (over the learned priorities, when `advise` gives some), and reads `enabled` (rejecting a required
 * edge to a disabled component). Throws CircularDependencyError, MissingDependencyError or
 * DependencySkippedError; loads nothing. O(V + E).
 */
export function planBoot(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere, advise?: PriorityAdvice): BootPlan {
  const graph = buildGraph(registry, isBoundElsewhere);
  const order = checkGraph(graph, registry.specs);
  // Learned priorities go in before inversion, so inversion still holds on them.
  const own = advise?.(graph) ?? registry.specs.map((spec) => spec.priority);
  const skipped = planSkips(registry.specs, graph);
  return { graph, effective: effectivePriorities(graph, order, own), skipped, order };
}
