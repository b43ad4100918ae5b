// Recipe: preheat with lightship (docs/integrations.md#probe-and-shutdown-libraries-terminus-lightship).
import type { Server } from 'node:http';
import type { Lightship } from 'lightship';
import type { Warmup } from 'preheat';

/**
 * Lets lightship speak for a Warmup:
 *
 * - `signalReady()` when the boot is ready; `signalNotReady()` when it fails and when the
 *   container starts stopping (whoever started the shutdown);
 * - a shutdown handler: on a signal, lightship fails its own readiness at once and waits its
 *   `shutdownDelay` (the drain); then `warmup.shutdown()` begins, closes the server as its
 *   `beforeStop` (in-flight requests finish), and stops the components last.
 *
 * @example
 * ```ts
 * const lightship = await createLightship({ shutdownDelay: 5_000 });
 * connectLightship(warmup, lightship, server);
 * ```
 */
export function connectLightship(warmup: Warmup, lightship: Lightship, server?: Server): void {
  warmup.phase$.subscribe((phase) => {
    if (phase === 'ready') lightship.signalReady();
    else if (phase === 'failed' || phase === 'stopping') lightship.signalNotReady();
  });
  lightship.registerShutdownHandler(async () => {
    // Phase `stopping` (preheat's own /readyz fails too), the server closes, then the hooks.
    const report = await warmup.shutdown({ beforeStop: () => closeServer(server) });
    if (report.failed.length > 0) console.error('shutdown hooks failed:', report.failed);
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (server?.listening !== true) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
