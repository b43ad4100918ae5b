import { LazyServiceIdentifier, type ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import type { DependencyRef } from '../component/ComponentOptions.js';
import { describeToken } from '../component/describeToken.js';
import type { Injection } from '../component/readInjections.js';
import { MissingDependencyError } from '../errors/MissingDependencyError.js';
import { graphFromEdges, type DependencyGraph } from './DependencyGraph.js';

/** Tells whether a token that is not a component is bound elsewhere in the container. */
export type IsBoundElsewhere = (id: ServiceIdentifier, constraints?: Injection['constraints']) => boolean;

/**
 * Collects every dependency edge: constructor and property injection, `dependsOn` (required) and
 * `optionalDependsOn`. An edge to a token that is not a component but is bound in the container
 * orders nothing and is dropped; an edge to nothing at all is a MissingDependencyError.
 * Duplicate edges collapse into one, required if any of them is. O(V + E).
 */
export function buildGraph(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere): DependencyGraph {
  const { specs } = registry;
  const size = specs.length;
  // Edge arrays sized once from an upper bound: no growth (and no garbage) while collecting.
  let bound = 0;
  for (let i = 0; i < size; i++) {
    const spec = specs[i]!;
    bound += spec.injections.length + spec.dependsOn.length + spec.optionalDependsOn.length;
  }
  const from = new Int32Array(bound);
  const to = new Int32Array(bound);
  const required = new Uint8Array(bound);
  let edges = 0;
  const seenBy = new Int32Array(size).fill(-1);
  const seenAt = new Int32Array(size);

  let node = 0;
  // One function for every node (not a closure per node): it reads the current `node`.
  const addEdge = (ref: DependencyRef, isRequired: boolean, constraints?: Injection['constraints']): void => {
    const id = typeof ref === 'object' && ref instanceof LazyServiceIdentifier ? ref.unwrap() : ref;
    const dep = registry.find(id);
    if (dep < 0) {
      if (!isRequired || isBoundElsewhere(id, constraints)) return;
      throw new MissingDependencyError(specs[node]!.name, describeToken(id));
    }
    if (seenBy[dep] === node) {
      if (isRequired) required[seenAt[dep]!] = 1;
      return;
    }
    seenBy[dep] = node;
    seenAt[dep] = edges;
    from[edges] = node;
    to[edges] = dep;
    required[edges] = isRequired ? 1 : 0;
    edges++;
  };
  // Indexed loops: this runs once over every edge, mostly before the JIT has optimised it.
  for (; node < size; node++) {
    const spec = specs[node]!;
    const { injections, dependsOn, optionalDependsOn } = spec;
    for (let k = 0; k < injections.length; k++) addEdge(injections[k]!.id, !injections[k]!.optional, injections[k]!.constraints);
    for (let k = 0; k < dependsOn.length; k++) addEdge(dependsOn[k]!, true);
    for (let k = 0; k < optionalDependsOn.length; k++) addEdge(optionalDependsOn[k]!, false);
  }
  return graphFromEdges(size, from, to, required, edges);
}
