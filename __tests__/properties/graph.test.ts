import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { graphFromEdges, type DependencyGraph } from '../../src/graph/DependencyGraph.js';
import { effectivePriorities } from '../../src/graph/effectivePriorities.js';
import { findCycle } from '../../src/graph/findCycle.js';
import { topologicalOrder } from '../../src/graph/topologicalOrder.js';

function graphOf(size: number, edges: readonly (readonly [number, number])[]): DependencyGraph {
  return graphFromEdges(
    size,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
    edges.map(() => 1),
    edges.length,
  );
}

const hasEdge = (edges: readonly (readonly [number, number])[], from: number, to: number) => edges.some(([a, b]) => a === from && b === to);

/** Any directed graph on up to 30 nodes (cycles possible). */
const anyGraph = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.tuple(fc.constant(size), fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 80 })),
);
/** A DAG: edges only from a higher to a lower index, then the indices shuffled. */
const anyDag = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.tuple(
    fc.constant(size),
    fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: 80 }).map((pairs) =>
      pairs.filter(([a, b]) => a !== b).map(([a, b]) => (a > b ? ([a, b] as const) : ([b, a] as const))),
    ),
    fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
  ).map(([n, edges, perm]) => [n, edges.map(([a, b]) => [perm[a]!, perm[b]!] as const)] as const),
);

describe('graph algorithms (properties)', () => {
  it('topologicalOrder puts every dependency before its dependent', () => {
    fc.assert(
      fc.property(anyDag, ([size, edges]) => {
        const order = topologicalOrder(graphOf(size, edges));
        expect(order).toBeDefined();
        const position = new Map([...order!].map((node, k) => [node, k]));
        expect(position.size).toBe(size);
        for (const [from, to] of edges) expect(position.get(to)!).toBeLessThan(position.get(from)!);
      }),
    );
  });

  it('findCycle finds a cycle exactly when there is no topological order, and the cycle is real', () => {
    fc.assert(
      fc.property(anyGraph, ([size, edges]) => {
        const graph = graphOf(size, edges);
        const cycle = findCycle(graph);
        const order = topologicalOrder(graph);
        expect(cycle === undefined).toBe(order !== undefined);
        if (cycle !== undefined) {
          expect(cycle.length).toBeGreaterThanOrEqual(2);
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let k = 0; k + 1 < cycle.length; k++) expect(hasEdge(edges, cycle[k]!, cycle[k + 1]!)).toBe(true);
          expect(new Set(cycle.slice(1)).size).toBe(cycle.length - 1); // simple cycle
        }
      }),
    );
  });

  it('effective priority is the minimum over the node and everything that depends on it', () => {
    fc.assert(
      fc.property(anyDag.chain(([size, edges]) => fc.tuple(fc.constant(size), fc.constant(edges), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: size, maxLength: size }))), ([size, edges, own]) => {
        const graph = graphOf(size, edges);
        const effective = effectivePriorities(graph, topologicalOrder(graph)!, own);
        for (let node = 0; node < size; node++) {
          // brute force: everything that transitively depends on `node`
          const seen = new Set([node]);
          const stack = [node];
          while (stack.length > 0) {
            const n = stack.pop()!;
            for (const [from, to] of edges) {
              if (to === n && !seen.has(from)) {
                seen.add(from);
                stack.push(from);
              }
            }
          }
          expect(effective[node]).toBe(Math.min(...[...seen].map((n) => own[n]!)));
        }
        for (const [from, to] of edges) expect(effective[to]!).toBeLessThanOrEqual(effective[from]!);
      }),
    );
  });
});

describe('graph algorithms on big graphs', () => {
  it('handles a 100,000-long chain without recursion', () => {
    const size = 100_000;
    const from = Int32Array.from({ length: size - 1 }, (_, i) => i + 1);
    const to = Int32Array.from({ length: size - 1 }, (_, i) => i);
    const graph = graphFromEdges(size, from, to, new Uint8Array(size - 1).fill(1), size - 1);
    const order = topologicalOrder(graph)!;
    expect(order[0]).toBe(0);
    expect(order[size - 1]).toBe(size - 1);
    expect(findCycle(graph)).toBeUndefined();
    const effective = effectivePriorities(graph, order, Array.from({ length: size }, (_, i) => (i === size - 1 ? 0 : 3)));
    expect(effective[0]).toBe(0);
  });

  it('finds the cycle that closes a 100,000-long chain', () => {
    const size = 100_000;
    const from = [...Array.from({ length: size - 1 }, (_, i) => i + 1), 0];
    const to = [...Array.from({ length: size - 1 }, (_, i) => i), size - 1];
    const cycle = findCycle(graphFromEdges(size, from, to, new Uint8Array(size).fill(1), size))!;
    expect(cycle).toHaveLength(size + 1);
  });
});
