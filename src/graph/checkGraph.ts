import type { ComponentSpec } from '../component/ComponentSpec.js';
import { CircularDependencyError } from '../errors/CircularDependencyError.js';
import type { DependencyGraph } from './DependencyGraph.js';
import { findCycle } from './findCycle.js';
import { topologicalOrder } from './topologicalOrder.js';

/** A topological order of the graph, or a CircularDependencyError naming the real cycle. */
export function checkGraph(graph: DependencyGraph, specs: readonly ComponentSpec[]): Int32Array {
  const order = topologicalOrder(graph);
  if (order !== undefined) return order;
  const cycle = findCycle(graph) ?? [];
  throw new CircularDependencyError(cycle.map((i) => specs[i]!.name));
}
