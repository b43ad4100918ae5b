import type { ServiceIdentifier } from 'inversify';
import { debug } from '../debug.js';
import { DuplicateComponentError } from '../errors/DuplicateComponentError.js';
import { RegistrationClosedError } from '../errors/RegistrationClosedError.js';
import type { ComponentRegistry } from './ComponentRegistry.js';
import type { ComponentSpec } from './ComponentSpec.js';
import { describeToken } from './describeToken.js';
import { toComponentSpec, type Registrable } from './toComponentSpec.js';

/** Where registered components get their binding (the container). */
export interface TokenBinder {
  /** True when the token already has a binding in the container. */
  isTaken(token: ServiceIdentifier): boolean;
  add(spec: ComponentSpec): void;
}

/** Where registered components get their state columns. */
export interface StateColumns {
  grow(count: number): void;
}

/** What closes registration: the plan (graph frozen) and the shutdown. */
export interface RegistrationGates {
  readonly planner: { readonly planned: boolean };
  readonly phase: { readonly stopping: boolean };
}

/**
 * `register()`: checks a whole batch first (on a bad item nothing is registered), then adds it to
 * the registry, the state columns and the container's bindings.
 */
export class Registrar {
  constructor(
    private readonly registry: ComponentRegistry,
    private readonly states: StateColumns,
    private readonly bindings: TokenBinder,
    private readonly gates: RegistrationGates,
  ) {}

  register(items: readonly (Registrable | readonly Registrable[])[]): void {
    // An array is accepted too: spreading 100,000 items into a call overflows V8's argument limit.
    const list: readonly Registrable[] = items.length === 1 && Array.isArray(items[0]) ? items[0] : (items as (Registrable | readonly Registrable[])[]).flat<(Registrable | readonly Registrable[])[], 1>();
    if (this.gates.planner.planned || this.gates.phase.stopping) this.#refuse(list);
    const base = this.registry.size;
    // Indexed loops: these run once over every component, mostly before the JIT has optimised them,
    // and an unoptimised for...of allocates an iterator result per step.
    const specs = new Array<ComponentSpec>(list.length);
    for (let k = 0; k < list.length; k++) {
      const spec = toComponentSpec(list[k]!, base + k);
      if (this.bindings.isTaken(spec.token)) throw new DuplicateComponentError(spec.name, 'binding');
      specs[k] = spec;
    }
    this.registry.addAll(specs); // atomic: throws on a duplicate, keeping nothing of this batch
    this.states.grow(specs.length);
    for (let k = 0; k < specs.length; k++) this.bindings.add(specs[k]!);
    debug('register: %d components (%d in all)', specs.length, this.registry.size);
  }

  #refuse(items: readonly Registrable[]): never {
    const first = items[0];
    const name =
      typeof first === 'function' ? first.name : first !== undefined && 'token' in first ? (first.name ?? describeToken(first.token)) : '(none)';
    throw new RegistrationClosedError(
      name,
      this.gates.phase.stopping ? 'the container is shutting down' : 'the dependency graph was frozen when boot() (or getAsync) started',
      'register every component before boot(); for something needed later, register it up front with priority DEFERRED and load it with getAsync.',
    );
  }
}
