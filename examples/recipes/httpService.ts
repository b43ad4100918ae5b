// Recipe: a node:http server that stops in the right order on SIGTERM (docs/recipes.md#a-nodehttp-server-and-sigterm).
import type { Server } from 'node:http';
import type { Warmup } from 'preheat';
import { bootOrExit } from './bootOrExit.js';

/** How {@link serve} listens and drains. */
export interface ServeOptions {
  readonly port: number;
  readonly host?: string;
  /**
   * Time between readiness failing and the server closing, so load balancers stop sending
   * requests first. Default 5,000 ms; with a Kubernetes `preStop` sleep, that sleep already did it.
   */
  readonly drainMs?: number;
  readonly log?: (message: string) => void;
}

/**
 * Boots, then listens; on SIGTERM (or SIGINT), in this order:
 *
 * 1. the phase becomes `stopping`: `/readyz` answers 503, the server still answers requests;
 * 2. `drainMs` passes, so load balancers take the instance out;
 * 3. `beforeStop` closes the server: no new connections, requests in flight finish;
 * 4. the components stop, dependents first (the pool after what uses it);
 * 5. the process exits 0 (1 if a hook failed or timed out).
 *
 * Resolves with `true` once the server listens, `false` if a shutdown came first (it then exits).
 * A failed boot exits 1 (see {@link bootOrExit}).
 *
 * @example
 * ```ts
 * const server = createServer(handler);
 * await startProbeServer(warmup, { port: 9000 });  // probes on their own port, closed last (at exit)
 * await serve(warmup, server, { port: 8080 });
 * ```
 */
export async function serve(warmup: Warmup, server: Server, options: ServeOptions): Promise<boolean> {
  const { port, host, drainMs = 5_000, log = (message) => console.log(message) } = options;
  warmup.enableShutdownHooks({ drainMs, beforeStop: (signal) => closeServer(server, signal, log) });
  if ((await bootOrExit(warmup, { log })) === undefined) return false;
  if (!warmup.acceptingRequests) return false; // SIGTERM right after the boot: do not start listening now
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return true;
}

/**
 * Stops accepting connections and resolves once the requests in flight have finished. Idle
 * keep-alive connections are closed at once, and so is each one whose request finishes later;
 * when `signal` aborts (the Warmup's `shutdownTimeout`), whatever is still open is cut, so a slow
 * client cannot hold the shutdown.
 */
export function closeServer(server: Server, signal: AbortSignal, log: (message: string) => void = () => undefined): Promise<void> {
  if (!server.listening) return Promise.resolve();
  log('server: closing');
  // close() closes the keep-alive connections that are idle now, but one whose response ends
  // afterwards stays open until keepAliveTimeout (5 s by default), and close() waits for it.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  return new Promise((resolve, reject) => {
    server.close((error) => {
      clearInterval(sweep);
      if (error !== undefined) return reject(error);
      log('server: closed');
      resolve();
    });
    signal.addEventListener('abort', () => server.closeAllConnections(), { once: true });
  });
}
