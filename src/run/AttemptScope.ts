import type { StepTags, StepWork, WarmupContext } from '../component/WarmupContext.js';
import type { AttemptHandle } from './AttemptHandle.js';

/**
 * What a class's `onWarmup(signal, ctx)` receives: the attempt's signal (a getter, so a warm-up that
 * never reads it costs no AbortController), its number, steps and timeout extensions, all answered
 * by the attempt itself. `step` and `extendTimeout` are getters that make their bound function on
 * first read: the object is two fields until the work uses them, and `({ step }) => step(…)` works.
 */
export class AttemptScope implements WarmupContext {
  readonly #handle: AttemptHandle;

  constructor(
    handle: AttemptHandle,
    readonly attempt: number,
  ) {
    this.#handle = handle;
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
