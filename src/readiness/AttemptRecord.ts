import type { StepRecord } from './StepRecord.js';
import type { TimeoutExtension } from './TimeoutExtension.js';

/**
 * How one attempt ended.
 *
 * @example
 * ```ts
 * const retried = report.components.db?.attemptHistory.filter((a: AttemptRecord) => a.outcome !== 'ready').length;
 * ```
 */
export type AttemptOutcome = 'ready' | 'unhealthy' | 'failed' | 'timeout' | 'cancelled';

/**
 * One attempt at loading a component, as kept in the report (times from the Warmup's clock, ms).
 *
 * @example
 * ```ts
 * report.components.db.attemptHistory?.map((a) => `${a.attempt}: ${a.outcome}`);
 * ```
 */
export interface AttemptRecord {
  readonly attempt: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly outcome: AttemptOutcome;
  readonly error?: string;
  /**
   * Set when the attempt timed out or was cancelled while its work kept running (it ignores its
   * AbortSignal): the attempt is over for preheat, the work is not.
   */
  readonly abandoned?: true;
  /** When the work of an abandoned attempt finally settled (its value, if any, was disposed). */
  readonly settledLateAt?: number;
  /** The named steps it ran (`ctx.step`), in the order they started. Present only when there is one. */
  readonly steps?: StepRecord[];
  /** Each time `ctx.extendTimeout` moved its deadline. Present only when there is one. */
  readonly extensions?: TimeoutExtension[];
}
