import type { ServiceIdentifier } from 'inversify';
import { DuplicateComponentError } from '../errors/DuplicateComponentError.js';
import { UnknownComponentError } from '../errors/UnknownComponentError.js';
import type { ComponentSpec } from './ComponentSpec.js';
import { describeToken } from './describeToken.js';

/**
 * Anything that names a component: its token, or (for strings) its display name.
 *
 * @example
 * ```ts
 * warmup.getStatus(Db); warmup.getStatus('db'); warmup.getStatus(DB_TOKEN);
 * ```
 */
export type ComponentId = ServiceIdentifier;

/**
 * Registered components, by index, token and name. A name equal to its own string token (the usual
 * case for definitions) is found through the token map, so most components cost one map entry.
 */
export class ComponentRegistry {
  readonly specs: ComponentSpec[] = [];
  readonly #byToken = new Map<ServiceIdentifier, number>();
  readonly #byName = new Map<string, number>();

  get size(): number {
    return this.specs.length;
  }

  /** Adds a batch atomically: on a duplicate (token or name), nothing of the batch stays. */
  addAll(specs: readonly ComponentSpec[]): void {
    let added = 0;
    try {
      for (let k = 0; k < specs.length; k++) {
        const spec = specs[k]!;
        if (this.#tokenTaken(spec.token)) throw new DuplicateComponentError(spec.name, 'token');
        // A name equal to its own token was just checked as a token (the usual case: one lookup).
        if (spec.name !== spec.token && this.#nameTaken(spec.name)) throw new DuplicateComponentError(spec.name, 'name');
        this.specs.push(spec);
        this.#byToken.set(spec.token, spec.index);
        if (spec.name !== spec.token) this.#byName.set(spec.name, spec.index);
        added++;
      }
    } catch (error) {
      for (const spec of this.specs.splice(this.specs.length - added, added)) {
        this.#byToken.delete(spec.token);
        if (this.#byName.get(spec.name) === spec.index) this.#byName.delete(spec.name);
      }
      throw error;
    }
  }

  /** Index of the component with this token (or name), or -1. */
  find(id: ComponentId): number {
    const byToken = this.#byToken.get(id);
    if (byToken !== undefined) return byToken;
    if (typeof id === 'string') return this.#byName.get(id) ?? -1;
    return -1;
  }

  /** Index of the component whose token is exactly `token` (no name match), or -1. */
  indexOfToken(token: ServiceIdentifier): number {
    return this.#byToken.get(token) ?? -1;
  }

  /** Like {@link find}, but throws UnknownComponentError. */
  resolve(id: ComponentId): number {
    const index = this.find(id);
    if (index < 0) throw new UnknownComponentError(describeToken(id));
    return index;
  }

  // Each map lookup costs ~0.3 us in code the JIT has not optimised yet, and these run once per
  // component: the name map is skipped while empty (definitions usually have no separate name).
  #tokenTaken(token: ServiceIdentifier): boolean {
    return this.#byToken.has(token) || (typeof token === 'string' && this.#byName.size > 0 && this.#byName.has(token));
  }

  #nameTaken(name: string): boolean {
    if (this.#byName.size > 0 && this.#byName.has(name)) return true;
    const index = this.#byToken.get(name);
    return index !== undefined && this.specs[index]!.name === name;
  }
}
