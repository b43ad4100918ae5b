import type { DependencyGraph } from './DependencyGraph.js';

/**
 * Priority inversion: a component's effective priority is the most urgent (smallest) of its own and
 * that of everything that depends on it, directly or not. Visits nodes dependents-first along a
 * topological order, so each edge is looked at once. O(V + E).
 */
export function effectivePriorities(
  graph: DependencyGraph,
  order: Int32Array,
  own: ArrayLike<number>,
): Uint8Array {
  const { dependentStart, dependentList } = graph;
  const effective = new Uint8Array(graph.size);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k]!;
    let best = own[node] as number;
    for (let e = dependentStart[node]!, end = dependentStart[node + 1]!; e < end; e++) {
      const p = effective[dependentList[e]!]!;
      if (p < best) best = p;
    }
    effective[node] = best;
  }
  return effective;
}
