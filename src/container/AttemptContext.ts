import type { ServiceIdentifier } from 'inversify';
import type { LoadContext } from '../component/ComponentDefinition.js';
import type { StepTags, StepWork } from '../component/WarmupContext.js';
import type { AttemptHandle } from '../run/AttemptHandle.js';

/**
 * What a loader receives: what a class's `AttemptScope` has (signal, attempt, steps, extensions),
 * plus `get`. `attempt` and `get` are own properties, so `({ get }) => …` and `{ ...ctx }` work;
 * `signal`, `step` and `extendTimeout` are getters, so destructuring them works too (a spread skips
 * them), and a loader that never reads them costs no AbortController and no bound function. Not a
 * subclass of `AttemptScope`: this is built once per loader attempt, and a flat constructor is the
 * cheaper one on that path.
 */
export class AttemptContext implements LoadContext {
  readonly #handle: AttemptHandle;
  /** An own property, not a method: loaders destructure it (`({ get }) => …`) and spread the context. */
  readonly get: <U>(id: ServiceIdentifier<U>) => U;

  constructor(
    handle: AttemptHandle,
    readonly attempt: number,
    get: <U>(id: ServiceIdentifier<U>) => U,
  ) {
    this.#handle = handle;
    this.get = get;
  }

  get signal(): AbortSignal {
    return this.#handle.signal;
  }

  get step(): <T>(name: string, fn: StepWork<T>, tags?: StepTags) => Promise<Awaited<T>> {
    const handle = this.#handle;
    return (name, fn, tags) => handle.step(name, fn, tags, -1);
  }

  get extendTimeout(): (ms: number) => number {
    const handle = this.#handle;
    return (ms) => handle.extendTimeout(ms);
  }
}
