import type { DependencyGraph } from './DependencyGraph.js';

/**
 * Kahn's algorithm: every node after all of its dependencies. Returns undefined when a cycle
 * leaves nodes out. O(V + E), no recursion.
 */
export function topologicalOrder(graph: DependencyGraph): Int32Array | undefined {
  const { size, depStart, dependentStart, dependentList } = graph;
  const remaining = new Int32Array(size);
  const order = new Int32Array(size);
  let tail = 0;
  for (let i = 0; i < size; i++) {
    remaining[i] = depStart[i + 1]! - depStart[i]!;
    if (remaining[i] === 0) order[tail++] = i;
  }
  for (let head = 0; head < tail; head++) {
    const node = order[head]!;
    for (let e = dependentStart[node]!, end = dependentStart[node + 1]!; e < end; e++) {
      const dependent = dependentList[e]!;
      if (--remaining[dependent]! === 0) order[tail++] = dependent;
    }
  }
  return tail === size ? order : undefined;
}
