import type { StepScope, StepTags, StepWork } from '../component/WarmupContext.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { AttemptDetail } from './AttemptDetail.js';
import type { AttemptHandle } from './AttemptHandle.js';

/** What {@link runStep} records into: the attempt. */
export interface StepHost extends AttemptHandle {
  /** The component's name, for errors. */
  readonly componentName: string;
  /** A reading of the Warmup's clock. */
  now(): number;
  /** The attempt's detail, made on first use; undefined when nothing may be recorded any more. */
  detail(): AttemptDetail | undefined;
}

/**
 * Runs one step: records its start, calls `fn(signal, childScope)`, records its end (and error), and
 * settles like `fn`. An attempt already aborted runs no new step: it rejects with the abort reason,
 * so work that keeps going after a timeout stops at its next step.
 */
export function runStep<T>(host: StepHost, name: string, fn: StepWork<T>, tags: StepTags | undefined, parent: number): Promise<Awaited<T>> {
  if (typeof name !== 'string' || name.length === 0) return Promise.reject(new InvalidOptionError(host.componentName, 'step', 'takes a non-empty name', name));
  if (typeof fn !== 'function') return Promise.reject(new InvalidOptionError(host.componentName, `step '${name}'`, 'takes a function to run', fn));
  if (host.aborted) return Promise.reject(host.reason);
  const detail = host.detail();
  const index = detail === undefined ? -1 : detail.open(name, parent, tags, host.now());
  let result: T | PromiseLike<T>;
  try {
    result = fn(host.signal, new ChildSteps(host, index));
  } catch (error) {
    detail?.close(index, host.now(), true, error);
    return Promise.reject(error);
  }
  return Promise.resolve(result).then(
    (value) => {
      detail?.close(index, host.now(), false);
      return value;
    },
    (error: unknown) => {
      detail?.close(index, host.now(), true, error);
      throw error;
    },
  );
}

/** The scope a step's work gets: steps started through it are that step's children. */
class ChildSteps implements StepScope {
  constructor(
    private readonly handle: AttemptHandle,
    private readonly parent: number,
  ) {}

  step<U>(name: string, fn: StepWork<U>, tags?: StepTags): Promise<Awaited<U>> {
    return this.handle.step(name, fn, tags, this.parent);
  }
}
