import { LazyServiceIdentifier, type ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import type { DependencyRef } from '../component/ComponentOptions.js';
import { describeToken } from '../component/describeToken.js';
import { readInjections } from '../component/readInjections.js';
import { MissingDependencyError } from '../errors/MissingDependencyError.js';
import { graphFromEdges, type DependencyGraph } from './DependencyGraph.js';

/** Tells whether a token that is not a component is bound elsewhere in the container. */
export type IsBoundElsewhere = (id: ServiceIdentifier) => boolean;

/**
 * Collects every dependency edge: constructor and property injection, `dependsOn` (required) and
 * `optionalDependsOn`. An edge to a token that is not a component but is bound in the container
 * orders nothing and is dropped; an edge to nothing at all is a MissingDependencyError.
 * Duplicate edges collapse into one, required if any of them is. O(V + E).
 */
export function buildGraph(registry: ComponentRegistry, isBoundElsewhere: IsBoundElsewhere): DependencyGraph {
  const { specs } = registry;
  const size = specs.length;
  const from: number[] = [];
  const to: number[] = [];
  const required: number[] = [];
  const seenBy = new Int32Array(size).fill(-1);
  const seenAt = new Int32Array(size);

  let node = 0;
  // One function for every node (not a closure per node): it reads the current `node`.
  const addEdge = (ref: DependencyRef, isRequired: boolean): void => {
    const id = typeof ref === 'object' && ref instanceof LazyServiceIdentifier ? ref.unwrap() : ref;
    const dep = registry.find(id);
    if (dep < 0) {
      if (!isRequired || isBoundElsewhere(id)) return;
      throw new MissingDependencyError(specs[node]!.name, describeToken(id));
    }
    if (seenBy[dep] === node) {
      if (isRequired) required[seenAt[dep]!] = 1;
      return;
    }
    seenBy[dep] = node;
    seenAt[dep] = from.length;
    from.push(node);
    to.push(dep);
    required.push(isRequired ? 1 : 0);
  };
  for (; node < size; node++) {
    const spec = specs[node]!;
    if (spec.ctor !== undefined) {
      for (const injection of readInjections(spec.ctor)) addEdge(injection.id, !injection.optional);
    }
    for (const ref of spec.dependsOn) addEdge(ref, true);
    for (const ref of spec.optionalDependsOn) addEdge(ref, false);
  }
  return graphFromEdges(size, from, to, required, from.length);
}
