import type { Server } from 'node:http';
import type { ShutdownReport, Warmup } from '../../index.js';

/**
 * Options of {@link shutdown}.
 *
 * @example
 * ```ts
 * await shutdown(server, warmup, { drainMs: 5_000 });
 * ```
 */
export interface GracefulShutdownOptions {
  /** Time between readiness failing and the server closing, so load balancers stop routing here first. Default 0. */
  readonly drainMs?: number;
}

/**
 * Stops an HTTP server and a Warmup in the order a load balancer needs:
 *
 * 1. readiness fails at once (phase `stopping`: `/readyz` answers 503), the server still serves;
 * 2. `drainMs` passes;
 * 3. the server closes: no new connections, in-flight requests finish, idle keep-alive
 *    connections are closed;
 * 4. the components' hooks run, dependents first.
 *
 * Resolves with the shutdown's report. Idempotent through `warmup.shutdown()`: a second call
 * shares the first.
 *
 * @example
 * ```ts
 * import { shutdown } from 'preheat/express';
 *
 * const server = app.listen(3000);
 * process.once('SIGTERM', () => void shutdown(server, warmup, { drainMs: 5_000 }).then(() => process.exit(0)));
 * ```
 */
export function shutdown(server: Server, warmup: Warmup, options: GracefulShutdownOptions = {}): Promise<ShutdownReport> {
  const { drainMs = 0 } = options;
  return warmup.shutdown({ drainMs, beforeStop: () => closeServer(server) });
}

/** server.close(), resolved once in-flight requests are done; a server not listening is closed already. */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request in flight would hold close() open until they time out.
    server.closeIdleConnections();
  });
}
