import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { describeError } from '../errors/describeError.js';
import type { AttemptAbort } from '../run/AttemptAbort.js';
import { wait, withDeadline } from '../run/Deadline.js';
import type { ShutdownConfig } from './ShutdownConfig.js';
import type { ShutdownHooks } from './ShutdownHooks.js';
import type { ShutdownOptions } from './ShutdownOptions.js';
import type { ShutdownReport, StepOutcome } from './ShutdownReport.js';
import { stopComponents } from './stopComponents.js';

/** What one shutdown runs on: the Shutdown's collaborators and its signal hooks. */
export interface ShutdownParts extends ShutdownConfig {
  readonly hooks: ShutdownHooks;
}

/** The shutdown's options, with the drain resolved. */
export interface ShutdownSteps {
  readonly drainMs: number;
  readonly beforeStop: ShutdownOptions['beforeStop'] | undefined;
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
 * 6. **Finish** — signal listeners removed, phase `stopped`, streams complete, the report is returned.
 */
export async function runShutdown(parts: ShutdownParts, options: ShutdownSteps): Promise<ShutdownReport> {
  const { clock, work, monitors } = parts;
  const startedAt = clock.now();
  monitors.stopAll(); // 1
  work.cancel(new BootCancelledError('the container is shutting down'));
  if (options.drainMs > 0) await wait(clock, options.drainMs); // 2
  const beforeStop = options.beforeStop === undefined ? undefined : await runBeforeStop(parts, options.beforeStop); // 3
  await work.whenSettled(); // 4
  if (parts.adaptive !== undefined) await Promise.all(parts.adaptive.map((a) => a.stop())); // profile, snapshots (never reject)
  const result = await stopComponents(parts); // 5
  const finishedAt = clock.now();
  finish(parts); // 6
  return { startedAt, finishedAt, durationMs: finishedAt - startedAt, ...result, ...(beforeStop === undefined ? {} : { beforeStop }) };
}

/** Runs the user's `beforeStop` within `shutdownTimeout`; records how it ended, never throws. */
async function runBeforeStop(parts: ShutdownParts, hook: NonNullable<ShutdownOptions['beforeStop']>): Promise<StepOutcome> {
  const { clock, shutdownTimeout } = parts;
  const startedAt = clock.now();
  let race: AttemptAbort | undefined;
  try {
    await withDeadline(clock, (abort) => ((race = abort), hook(abort.signal)), {
      ms: shutdownTimeout,
      onTimeout: () => new ComponentTimeoutError('beforeStop', shutdownTimeout, 'shutdown'),
    });
    return { outcome: 'done', durationMs: clock.now() - startedAt };
  } catch (error) {
    return { outcome: race?.aborted === true ? 'timeout' : 'failed', durationMs: clock.now() - startedAt, error: describeError(error) };
  }
}

function finish({ hooks, readiness, states }: ShutdownParts): void {
  hooks.removeAll();
  readiness.phase.stopped();
  readiness.complete();
  states.complete();
}
