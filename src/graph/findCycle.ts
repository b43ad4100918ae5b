import type { DependencyGraph } from './DependencyGraph.js';

const white = 0;
const grey = 1;
const black = 2;

/**
 * A cycle in the graph as node indices, first equal to last (`[a, b, a]` means a depends on b
 * depends on a), or undefined when the graph is acyclic. Iterative depth-first search, O(V + E):
 * a 100,000-long chain does not touch the call stack.
 */
export function findCycle(graph: DependencyGraph): number[] | undefined {
  const { size, depStart, depList } = graph;
  const color = new Uint8Array(size);
  const cursor = new Int32Array(size);
  const stack = new Int32Array(size);
  for (let root = 0; root < size; root++) {
    if (color[root] !== white) continue;
    let top = 0;
    stack[0] = root;
    color[root] = grey;
    cursor[root] = depStart[root]!;
    while (top >= 0) {
      const node = stack[top]!;
      const edge = cursor[node]!;
      if (edge === depStart[node + 1]) {
        color[node] = black;
        top--;
        continue;
      }
      cursor[node] = edge + 1;
      const next = depList[edge]!;
      if (color[next] === grey) return cycleFrom(stack, top, next);
      if (color[next] === white) {
        color[next] = grey;
        cursor[next] = depStart[next]!;
        stack[++top] = next;
      }
    }
  }
  return undefined;
}

function cycleFrom(stack: Int32Array, top: number, start: number): number[] {
  let from = top;
  while (stack[from] !== start) from--;
  const cycle = Array.from(stack.subarray(from, top + 1));
  cycle.push(start);
  return cycle;
}
