import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inject, injectable, LazyServiceIdentifier, optional, type ServiceIdentifier } from 'inversify';
import { Component } from '../../../src/component/Component.js';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { CircularDependencyError } from '../../../src/errors/CircularDependencyError.js';
import { MissingDependencyError } from '../../../src/errors/MissingDependencyError.js';
import { buildGraph } from '../../../src/graph/buildGraph.js';
import { checkGraph } from '../../../src/graph/checkGraph.js';
import type { DependencyGraph } from '../../../src/graph/DependencyGraph.js';

function registryOf(items: readonly (ComponentDefinition | (new (...args: never[]) => unknown))[]): ComponentRegistry {
  const registry = new ComponentRegistry();
  registry.addAll(items.map((item, i) => toComponentSpec(item, i)));
  return registry;
}

/** The graph's edges as `from>to:required`, sorted. */
function edgesOf(graph: DependencyGraph): string[] {
  const out: string[] = [];
  for (let i = 0; i < graph.size; i++) {
    for (let e = graph.depStart[i]!; e < graph.depStart[i + 1]!; e++) out.push(`${i}>${graph.depList[e]}:${graph.depRequired[e]}`);
  }
  return out.sort();
}

const never = (): boolean => {
  throw new Error('isBoundElsewhere asked for a component token or an optional edge');
};

/** A reference to component `to`, written as its token or wrapped in a LazyServiceIdentifier. */
const ref = fc.record({ to: fc.nat(11), lazy: fc.boolean() });

describe('buildGraph', () => {
  it('has one edge per (component, dependency) pair, required if any of its references is, whatever the mix of lists and lazy ids', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.record({ req: fc.array(ref, { maxLength: 4 }), opt: fc.array(ref, { maxLength: 4 }) }), { minLength: n, maxLength: n }))), ([n, nodes]) => {
        const token = (i: number, lazy: boolean): ServiceIdentifier | LazyServiceIdentifier => (lazy ? new LazyServiceIdentifier(() => `c${i}`) : `c${i}`);
        const defs: ComponentDefinition[] = nodes.map((node, i) => ({
          token: `c${i}`,
          load: () => i,
          dependsOn: node.req.map((r) => token(r.to % n, r.lazy)),
          optionalDependsOn: node.opt.map((r) => token(r.to % n, r.lazy)),
        }));
        const expected = new Map<string, number>();
        nodes.forEach((node, i) => {
          for (const r of node.req) expected.set(`${i}>${r.to % n}`, 1);
          for (const r of node.opt) if (!expected.has(`${i}>${r.to % n}`)) expected.set(`${i}>${r.to % n}`, 0);
        });
        const graph = buildGraph(registryOf(defs), never);
        expect(graph.size).toBe(n);
        expect(edgesOf(graph)).toEqual([...expected].map(([k, v]) => `${k}:${v}`).sort());
      }),
    );
  });

  it('a required reference to nothing is a MissingDependencyError naming the component and the token', () => {
    const registry = registryOf([{ token: 'a', load: () => 1 }, { token: 'b', load: () => 2, dependsOn: ['a', 'ghost'] }]);
    const asked: unknown[] = [];
    const error = (() => {
      try {
        buildGraph(registry, (id) => (asked.push(id), false));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MissingDependencyError);
    expect((error as Error).message).toContain("'b'");
    expect((error as Error).message).toContain('ghost');
    expect(asked).toEqual(['ghost']);
  });

  it('a required reference bound elsewhere in the container orders nothing; an optional one to nothing is dropped unasked', () => {
    const asked: unknown[] = [];
    const registry = registryOf([{ token: 'a', load: () => 1 }, { token: 'b', load: () => 2, dependsOn: ['config', 'a'], optionalDependsOn: ['metrics'] }]);
    const graph = buildGraph(registry, (id) => (asked.push(id), id === 'config'));
    expect(edgesOf(graph)).toEqual(['1>0:1']);
    expect(asked).toEqual(['config']);
  });

  it("constructor injections are edges too, optional ones not required, and an optional one to nothing is dropped", () => {
    @injectable()
    class A {}
    @injectable()
    class Ghost {}
    @injectable()
    class B {
      constructor(@inject(A) @optional() readonly a: A, @inject(Ghost) @optional() readonly ghost: Ghost) {}
    }
    @injectable()
    class C {
      constructor(@inject(A) readonly a: A, @inject(B) readonly b: B) {}
    }
    const graph = buildGraph(registryOf([A, B, C]), never);
    expect(edgesOf(graph)).toEqual(['1>0:0', '2>0:1', '2>1:1']);
  });

  it('an optional injection and a required dependsOn to the same component make one required edge', () => {
    @injectable()
    class A {}
    @Component({ dependsOn: [A] })
    class B {
      constructor(@inject(A) @optional() readonly a: A) {}
    }
    expect(edgesOf(buildGraph(registryOf([A, B]), never))).toEqual(['1>0:1']);
  });

  it('an injection to a token bound elsewhere is asked with its constraints', () => {
    @injectable()
    class D {
      constructor(@inject('url') readonly url: string) {}
    }
    const asked: unknown[] = [];
    const graph = buildGraph(registryOf([D]), (id, constraints) => (asked.push([id, constraints]), true));
    expect(edgesOf(graph)).toEqual([]);
    expect(asked).toEqual([['url', undefined]]);
  });
});

describe('checkGraph', () => {
  it('returns the topological order of an acyclic graph', () => {
    const registry = registryOf([{ token: 'a', load: () => 1, dependsOn: ['b'] }, { token: 'b', load: () => 2 }]);
    expect([...checkGraph(buildGraph(registry, never), registry.specs)]).toEqual([1, 0]);
  });

  it('names the components of the cycle, in order', () => {
    const registry = registryOf([
      { token: 'a', load: () => 1 },
      { token: 'b', load: () => 2, dependsOn: ['c', 'a'] },
      { token: 'c', load: () => 3, dependsOn: ['b'] },
    ]);
    const graph = buildGraph(registry, never);
    expect(() => checkGraph(graph, registry.specs)).toThrow(CircularDependencyError);
    try {
      checkGraph(graph, registry.specs);
    } catch (e) {
      expect((e as Error).message).toMatch(/b → c → b|c → b → c/);
    }
  });
});
