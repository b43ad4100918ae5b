import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import { AttemptAbort } from '../run/AttemptAbort.js';
import { callSafely } from '../run/callSafely.js';
import { withTimeout } from '../run/withTimeout.js';
import type { ShutdownOptions } from './ShutdownOptions.js';
import type { ShutdownReport, StepOutcome } from './ShutdownReport.js';
import type { StopContext, StopResult } from './stopComponents.js';
import { stopComponents } from './stopComponents.js';

/** What one shutdown needs; the Warmup provides it. */
export interface ShutdownContext extends Omit<StopContext, 'onStopped'> {
  readonly drainMs: number;
  /** The user's step between the drain and the first component hook (close the HTTP server). */
  readonly beforeStop: ShutdownOptions['beforeStop'];
  /** Stops the health monitors and cancels a boot or getAsync in progress (in-flight attempts abort). */
  cancelWork(): void;
  /** Resolves when nothing is loading any more and the boot's waves are over. */
  workSettled(): Promise<void>;
  /** Marks one component stopped and releases its instance and cached singleton. */
  onStopped(index: number): void;
  /** Phase `stopped`, every stream completes. */
  finish(): void;
}

/**
 * What happens when you call `shutdown()`, top to bottom (the phase is already `stopping`, set
 * synchronously by the call, so readiness probes fail first):
 *
 * 1. **Cancel** — health monitors stop; a boot or `getAsync` in progress is cancelled: nothing new
 *    starts, queued components fail, in-flight attempts are aborted through their signals.
 * 2. **Drain** — wait `drainMs` so load balancers stop routing here.
 * 3. **Before stop** — the user's `beforeStop` (close the HTTP server), within `shutdownTimeout`.
 * 4. **Settle** — wait until nothing is loading (aborted attempts return at once; a loader that
 *    ignores its signal is abandoned and its late value disposed when it comes).
 * 5. **Stop** — hooks in reverse dependency order, independent ones in parallel, each within its
 *    shutdown timeout; a hook that throws or hangs is recorded and the rest still stop.
 * 6. **Finish** — phase `stopped`, streams complete, the report is returned.
 */
export async function runShutdown(ctx: ShutdownContext): Promise<ShutdownReport> {
  const startedAt = ctx.clock.now();
  ctx.cancelWork(); // 1
  if (ctx.drainMs > 0) await new Promise<void>((resolve) => ctx.clock.setTimeout(resolve, ctx.drainMs)); // 2
  const beforeStop = ctx.beforeStop === undefined ? undefined : await runBeforeStop(ctx, ctx.beforeStop); // 3
  await ctx.workSettled(); // 4
  const result: StopResult = await stopComponents(ctx); // 5
  ctx.finish(); // 6
  const finishedAt = ctx.clock.now();
  return { startedAt, finishedAt, durationMs: finishedAt - startedAt, ...result, ...(beforeStop === undefined ? {} : { beforeStop }) };
}

/** Runs the user's `beforeStop` within `shutdownTimeout`; records how it ended, never throws. */
async function runBeforeStop(ctx: ShutdownContext, hook: NonNullable<ShutdownOptions['beforeStop']>): Promise<StepOutcome> {
  const startedAt = ctx.clock.now();
  const abort = new AttemptAbort();
  try {
    await withTimeout(ctx.clock, callSafely(() => hook(abort.signal)), {
      each: ctx.shutdownTimeout,
      abort,
      onTimeout: () => new ComponentTimeoutError('beforeStop', ctx.shutdownTimeout, 'shutdown'),
    });
    return { outcome: 'done', durationMs: ctx.clock.now() - startedAt };
  } catch (error) {
    const outcome = abort.aborted && error === abort.reason ? 'timeout' : 'failed';
    return { outcome, durationMs: ctx.clock.now() - startedAt, error: describeError(error) };
  }
}
