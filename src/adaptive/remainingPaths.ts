import type { DependencyGraph } from '../graph/DependencyGraph.js';

/**
 * For critical-path-first list scheduling: each component's longest remaining path to the end of
 * the boot, its own load time included (`rank[i] = duration[i] + max rank of its dependents`).
 * Starting the ready component with the largest rank first keeps the longest chain moving, which is
 * what bounds the makespan when slots are scarce (HLFET / Hu's algorithm). With `sameWave` (waves
 * mode) only dependents in the same wave count: a later wave waits for this one anyway. Visits
 * nodes dependents-first along `order`, so each edge once: O(V + E).
 *
 * @example
 * ```ts
 * const rank = remainingPaths(graph, order, durations, effective, false); // eager: across waves
 * ```
 */
export function remainingPaths(
  graph: DependencyGraph,
  order: Int32Array,
  duration: ArrayLike<number>,
  wave: ArrayLike<number>,
  sameWave: boolean,
): Float64Array {
  const { dependentStart, dependentList } = graph;
  const rank = new Float64Array(graph.size);
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k]!;
    let tail = 0;
    for (let e = dependentStart[node]!, end = dependentStart[node + 1]!; e < end; e++) {
      const dependent = dependentList[e]!;
      if (sameWave && wave[dependent] !== wave[node]) continue;
      if (rank[dependent]! > tail) tail = rank[dependent]!;
    }
    rank[node] = duration[node]! + tail;
  }
  return rank;
}
