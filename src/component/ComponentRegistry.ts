import type { ServiceIdentifier } from 'inversify';
import { DuplicateComponentError } from '../errors/DuplicateComponentError.js';
import { UnknownComponentError } from '../errors/UnknownComponentError.js';
import type { ComponentSpec } from './ComponentSpec.js';
import { describeToken } from './describeToken.js';

/** Anything that names a component: its token, or (for strings) its display name. */
export type ComponentId = ServiceIdentifier;

/** Registered components, by index, token and name. */
export class ComponentRegistry {
  readonly specs: ComponentSpec[] = [];
  readonly #byToken = new Map<ServiceIdentifier, number>();
  readonly #byName = new Map<string, number>();

  get size(): number {
    return this.specs.length;
  }

  /** Throws DuplicateComponentError when the token or name is taken. */
  assertFree(spec: ComponentSpec): void {
    if (this.#byToken.has(spec.token)) throw new DuplicateComponentError(spec.name, 'token');
    if (this.#byName.has(spec.name)) throw new DuplicateComponentError(spec.name, 'name');
  }

  add(spec: ComponentSpec): void {
    this.specs.push(spec);
    this.#byToken.set(spec.token, spec.index);
    this.#byName.set(spec.name, spec.index);
  }

  /** Index of the component with this token (or name), or -1. */
  find(id: ComponentId): number {
    const byToken = this.#byToken.get(id);
    if (byToken !== undefined) return byToken;
    if (typeof id === 'string') return this.#byName.get(id) ?? -1;
    return -1;
  }

  /** Like {@link find}, but throws UnknownComponentError. */
  resolve(id: ComponentId): number {
    const index = this.find(id);
    if (index < 0) throw new UnknownComponentError(describeToken(id));
    return index;
  }
}
