// Recipe: preheat with @godaddy/terminus (docs/integrations.md#probe-and-shutdown-libraries-terminus-lightship).
import { HealthCheckError, type TerminusOptions } from '@godaddy/terminus';
import type { ShutdownReport, Warmup } from 'preheat';
import { probeWarmup, type ProbeKind } from 'preheat/http';

/**
 * The terminus options that make it speak for a Warmup:
 *
 * - `healthChecks`: `/startupz`, `/readyz`, `/livez` from preheat's own state (a failing probe
 *   throws terminus's HealthCheckError, so terminus answers 503 with the reason);
 * - `beforeShutdown`: starts `warmup.shutdown()` (readiness fails; terminus itself answers 503
 *   from now on) and resolves after `drainMs`, while the server still serves;
 * - then terminus closes the server (in-flight requests finish);
 * - `onSignal`: lets the shutdown go on to the components' hooks and waits for them.
 *
 * @example
 * ```ts
 * createTerminus(server, { ...terminusOptions(warmup, { drainMs: 5_000 }), signals: ['SIGTERM'], useExit0: true });
 * ```
 */
export function terminusOptions(warmup: Warmup, { drainMs = 5_000 } = {}): Pick<TerminusOptions, 'healthChecks' | 'beforeShutdown' | 'onSignal'> {
  let serverClosed!: () => void;
  const closed = new Promise<void>((resolve) => (serverClosed = resolve));
  let stopping: Promise<ShutdownReport> | undefined;

  const check = (probe: ProbeKind) => () => {
    const result = probeWarmup(warmup, probe);
    if (result.ok) return Promise.resolve({ phase: result.phase });
    return Promise.reject(new HealthCheckError(result.reason ?? 'failing', { failed: result.failed, waiting: result.waiting }));
  };

  return {
    healthChecks: { '/startupz': check('startup'), '/readyz': check('readiness'), '/livez': check('liveness') },
    beforeShutdown: () =>
      new Promise<void>((drained) => {
        stopping = warmup.shutdown({ drainMs, beforeStop: () => (drained(), closed) });
        void stopping.finally(drained); // a shutdown someone else started first never calls our beforeStop
      }),
    onSignal: async () => {
      serverClosed();
      const report = await stopping;
      if (report !== undefined && report.failed.length > 0) console.error('shutdown hooks failed:', report.failed);
    },
  };
}
