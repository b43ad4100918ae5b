import type { ServiceIdentifier } from 'inversify';
import type { LoadContext } from '../component/ComponentDefinition.js';
import type { AttemptAbort } from '../run/AttemptAbort.js';

/**
 * What a loader receives: `signal` is a getter, so a loader that never reads it costs no
 * AbortController; `attempt` and `get` are own properties, so `({ get }) => …` and `{ ...ctx }` work.
 */
export class AttemptContext implements LoadContext {
  readonly #abort: AttemptAbort;
  /** An own property, not a method: loaders destructure it (`({ get }) => …`) and spread the context. */
  readonly get: <U>(id: ServiceIdentifier<U>) => U;

  constructor(
    abort: AttemptAbort,
    readonly attempt: number,
    get: <U>(id: ServiceIdentifier<U>) => U,
  ) {
    this.#abort = abort;
    this.get = get;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }
}
