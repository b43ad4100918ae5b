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
        // One lookup in the usual case: set, and a map that did not grow held the token already.
        const before = this.#byToken.size;
        this.#byToken.set(spec.token, spec.index);
        if (this.#byToken.size === before) {
          this.#byToken.set(spec.token, this.#ownerOf(spec.token));
          throw new DuplicateComponentError(spec.name, 'token');
        }
        this.specs.push(spec);
        added++;
        if (typeof spec.token === 'string' && this.#byName.size > 0 && this.#byName.has(spec.token)) throw new DuplicateComponentError(spec.name, 'token');
        // A name equal to its own token was just checked as a token.
        if (spec.name !== spec.token) {
          if (this.#nameTaken(spec.name)) throw new DuplicateComponentError(spec.name, 'name');
          this.#byName.set(spec.name, spec.index);
        }
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

  /** The index of the first spec with this token (the one a duplicate overwrote in the map). */
  #ownerOf(token: ServiceIdentifier): number {
    return this.specs.findIndex((spec) => spec.token === token);
  }

  // Each map lookup costs ~0.3 us in code the JIT has not optimised yet, and these run once per
  // component: the name map is skipped while empty (definitions usually have no separate name).
  #nameTaken(name: string): boolean {
    if (this.#byName.size > 0 && this.#byName.has(name)) return true;
    const index = this.#byToken.get(name);
    return index !== undefined && this.specs[index]!.name === name;
  }
}
