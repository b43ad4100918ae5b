/**
 * Dependency edges in compressed sparse rows, both directions. Node `i`'s dependencies are
 * `depList[depStart[i] .. depStart[i + 1])`, and `depRequired[k]` says whether edge `k` propagates
 * failure. Flat typed arrays keep 100,000-node graphs small and fast to walk.
 */
export interface DependencyGraph {
  readonly size: number;
  readonly depStart: Int32Array;
  readonly depList: Int32Array;
  readonly depRequired: Uint8Array;
  readonly dependentStart: Int32Array;
  readonly dependentList: Int32Array;
  readonly dependentRequired: Uint8Array;
}

/** Builds the CSR graph from an edge list (`from` depends on `to`). O(V + E). */
export function graphFromEdges(
  size: number,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  required: ArrayLike<number>,
  edgeCount: number,
): DependencyGraph {
  const forward = compress(size, from, to, required, edgeCount);
  const backward = compress(size, to, from, required, edgeCount);
  return {
    size,
    depStart: forward.start,
    depList: forward.list,
    depRequired: forward.flags,
    dependentStart: backward.start,
    dependentList: backward.list,
    dependentRequired: backward.flags,
  };
}

function compress(
  size: number,
  key: ArrayLike<number>,
  value: ArrayLike<number>,
  flag: ArrayLike<number>,
  edgeCount: number,
): { start: Int32Array; list: Int32Array; flags: Uint8Array } {
  const start = new Int32Array(size + 1);
  for (let e = 0; e < edgeCount; e++) start[(key[e] as number) + 1]!++;
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const cursor = start.slice(0, size);
  const list = new Int32Array(edgeCount);
  const flags = new Uint8Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const k = key[e] as number;
    const slot = cursor[k]!++;
    list[slot] = value[e] as number;
    flags[slot] = flag[e] as number;
  }
  return { start, list, flags };
}
