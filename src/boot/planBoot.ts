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
}

/**
 * Builds the dependency graph, rejects cycles and missing dependencies, applies priority inversion,
 * and reads `enabled` (rejecting a required edge to a disabled component). Throws
 * CircularDependencyError, MissingDependencyError or DependencySkippedError; loads nothing. O(V + E).
 */
export function planBoot(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere): BootPlan {
  const graph = buildGraph(registry, isBoundElsewhere);
  const order = checkGraph(graph, registry.specs);
  const own = registry.specs.map((spec) => spec.priority);
  const skipped = planSkips(registry.specs, graph);
  return { graph, effective: effectivePriorities(graph, order, own), skipped };
}
