import type { StepTags } from '../component/WarmupContext.js';

/**
 * One named step of an attempt (`ctx.step(name, fn, tags)`), as kept in the report. Times are from
 * the Warmup's clock (ms). Steps are listed in the order they started.
 *
 * @example
 * ```ts
 * const slowest = report.components.db.attemptHistory.at(-1)?.steps
 *   ?.reduce((a, b) => (b.finishedAt - b.startedAt > a.finishedAt - a.startedAt ? b : a));
 * ```
 */
export interface StepRecord {
  readonly name: string;
  readonly startedAt: number;
  /** When it ended; for an unfinished step, when its attempt ended. */
  readonly finishedAt: number;
  /** Index (in the same `steps` list) of the step it was started in; absent at the top level. */
  readonly parent?: number;
  readonly tags?: StepTags;
  /** Its error's message, when it threw. */
  readonly error?: string;
  /** Still running when its attempt ended (timed out, cancelled, or the work did not wait for it). */
  readonly unfinished?: true;
}
