import type { StepTags, StepWork } from '../component/WarmupContext.js';

/**
 * What an attempt's work is given to control it: its abort (the signal made only when read), its
 * steps, and its deadline. The load attempt is one; a recovery in place has a detached one.
 */
export interface AttemptHandle {
  readonly signal: AbortSignal;
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Runs `fn` as a step under the step `parent` (-1: the top level); see `WarmupContext.step`. */
  step<T>(name: string, fn: StepWork<T>, tags: StepTags | undefined, parent: number): Promise<Awaited<T>>;
  /** See `WarmupContext.extendTimeout`. */
  extendTimeout(ms: number): number;
}
