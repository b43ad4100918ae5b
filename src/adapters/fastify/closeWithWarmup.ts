import type { FastifyInstance } from 'fastify';
import type { ShutdownReport, Warmup } from '../../index.js';

/**
 * Ties the app's close to the Warmup's shutdown, readiness first:
 * - `app.close()` called by you: preClose starts `warmup.shutdown()` (phase `stopping`: readiness
 *   fails) and waits for the drain; the server then closes and waits for in-flight requests;
 *   onClose lets the shutdown go on to the components' hooks and waits for them.
 * - a signal: `warmup.shutdown()` with `app.close()` as its `beforeStop`, so the drain runs while
 *   the server still serves normally (during preClose, Fastify already answers 503 by default).
 * - a shutdown someone else started (e.g. `warmup.enableShutdownHooks`): the close does not wait
 *   on it, which could deadlock when that shutdown is what closes the app.
 */
export function closeWithWarmup(fastify: FastifyInstance, warmup: Warmup, drainMs: number, signals: readonly NodeJS.Signals[]): void {
  let ours: Promise<ShutdownReport> | undefined;
  let serverClosed: (() => void) | undefined;
  const stopping = (): boolean => warmup.phase === 'stopping' || warmup.phase === 'stopped';

  const removeSignals = signals.length === 0 ? undefined : warmup.enableShutdownHooks({ signals, drainMs, beforeStop: () => fastify.close() });

  fastify.addHook('preClose', async () => {
    if (stopping()) return;
    let drained!: () => void;
    const drain = new Promise<void>((resolve) => (drained = resolve));
    const closed = new Promise<void>((resolve) => (serverClosed = resolve));
    ours = warmup.shutdown({
      drainMs,
      beforeStop: () => {
        drained();
        return closed;
      },
    });
    await Promise.race([drain, ours.then(noop, noop)]);
  });

  fastify.addHook('onClose', async () => {
    removeSignals?.();
    // Closed before ready(): preClose never ran, the boot may still be going.
    if (ours === undefined && !stopping()) ours = warmup.shutdown();
    serverClosed?.();
    if (ours === undefined) return;
    const report = await ours;
    if (report.failed.length > 0) fastify.log.error({ failed: report.failed }, 'preheat: shutdown hooks failed');
  });
}

function noop(): void {}
