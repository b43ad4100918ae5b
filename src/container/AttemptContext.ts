import type { ServiceIdentifier } from 'inversify';
import type { LoadContext } from '../component/ComponentDefinition.js';
import type { AttemptHandle } from '../run/AttemptHandle.js';
import { AttemptScope } from '../run/AttemptScope.js';

/**
 * What a loader receives: the {@link AttemptScope} (signal, attempt, steps, extensions) and `get`.
 * `attempt` and `get` are own properties, so `({ get }) => …` and `{ ...ctx }` work; `signal`,
 * `step` and `extendTimeout` are getters, so destructuring them works too (a spread skips them).
 */
export class AttemptContext extends AttemptScope implements LoadContext {
  /** An own property, not a method: loaders destructure it (`({ get }) => …`) and spread the context. */
  readonly get: <U>(id: ServiceIdentifier<U>) => U;

  constructor(handle: AttemptHandle, attempt: number, get: <U>(id: ServiceIdentifier<U>) => U) {
    super(handle, attempt);
    this.get = get;
  }
}
