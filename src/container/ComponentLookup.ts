import type { Container, ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { notReadyError } from './notReadyError.js';

/** Where the graph comes from (the plan; none before it). */
export interface GraphSource {
  readonly graph: DependencyGraph | undefined;
}

/**
 * How components see each other while they load, and how the container hands them out: the
 * loader's `get`, the tokens injected as `undefined` into a class, and the guard behind every
 * component binding.
 */
export class ComponentLookup {
  constructor(
    readonly container: Container,
    private readonly registry: ComponentRegistry,
    private readonly states: ComponentStates,
    private readonly plan: GraphSource,
    /** Components released for idleness: their not-ready error says so. */
    private readonly idle?: { wasReleased(index: number): boolean },
  ) {}

  /** The instance when usable, else ComponentNotReadyError with a hint for the status (ComponentSkippedError when Skipped). */
  instanceOrThrow(index: number): unknown {
    const status = this.states.status[index]!;
    if (isUsable(status)) return this.states.instance[index];
    throw notReadyError(this.registry.specs[index]!, status, this.states.error[index], this.states.skipReason(index), this.idle?.wasReleased(index) === true);
  }

  /** Loader `get`: a usable component, undefined for a failed optional dependency, else the container. */
  lookup(spec: ComponentSpec, id: ServiceIdentifier): unknown {
    const index = this.registry.find(id);
    if (index < 0) return this.container.get(id);
    if (isUsable(this.states.status[index]!)) return this.states.instance[index];
    if (this.#isOptionalDependency(spec.index, index)) return undefined;
    return this.instanceOrThrow(index);
  }

  unusableOptional(spec: ComponentSpec): ServiceIdentifier[] {
    const { graph } = this.plan;
    const tokens: ServiceIdentifier[] = [];
    if (graph === undefined || spec.index >= graph.size) return tokens;
    for (let e = graph.depStart[spec.index]!, end = graph.depStart[spec.index + 1]!; e < end; e++) {
      const dep = graph.depList[e]!;
      if (graph.depRequired[e] === 0 && !isUsable(this.states.status[dep]!)) tokens.push(this.registry.specs[dep]!.token);
    }
    return tokens;
  }

  #isOptionalDependency(node: number, dep: number): boolean {
    const { graph } = this.plan;
    if (graph === undefined || node >= graph.size) return false;
    for (let e = graph.depStart[node]!, end = graph.depStart[node + 1]!; e < end; e++) {
      if (graph.depList[e] === dep) return graph.depRequired[e] === 0;
    }
    return false;
  }
}
