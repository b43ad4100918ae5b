import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvalidOptionError, type ShutdownReport, type Warmup } from '../../index.js';
import { closeServer } from './shutdown.js';

/**
 * Options of {@link listen}.
 *
 * @example
 * ```ts
 * await listen(app, { warmup, port: 3000, host: '0.0.0.0', drainMs: 5_000, signals: ['SIGTERM'] });
 * ```
 */
export interface ListenOptions {
  readonly warmup: Warmup;
  /** TCP port; `0` picks a free one (read it from the result's `port`). */
  readonly port: number;
  /** Interface to bind. Default: every interface (node's default). */
  readonly host?: string;
  /** Time between readiness failing and the server closing. Default 0. */
  readonly drainMs?: number;
  /**
   * Signals that start the graceful shutdown, after which the process exits (0, or 1 when a hook
   * failed; see `warmup.enableShutdownHooks`). Default `['SIGTERM', 'SIGINT']`; `[]` for none.
   */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * What {@link listen} resolves with: the server, its port, and the graceful shutdown.
 *
 * @example
 * ```ts
 * const { port, shutdown } = await listen(app, { warmup, port: 0 });
 * await shutdown(); // readiness fails, drain, server closes, hooks
 * ```
 */
export interface GracefulServer {
  readonly server: Server;
  readonly port: number;
  /** Readiness fails, the drain, the server closes, the components' hooks run. Shares one run with a signal. */
  shutdown(): Promise<ShutdownReport>;
}

/**
 * Listens with an Express app (or any request listener) and wires the graceful shutdown: on a
 * signal or `shutdown()`, readiness fails first (the server still serves), `drainMs` passes, the
 * server closes (in-flight requests finish), then the components' hooks run. It binds the port
 * without waiting for the boot: start the boot yourself, before or after, and gate the routes that
 * need components with `requireReady`.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { listen, probeRouter, requireReady } from 'preheat/express';
 *
 * const app = express();
 * app.use(probeRouter(warmup));
 * app.get('/orders', requireReady(warmup, Db), (req, res) => res.json(warmup.container.get(Db).orders()));
 * await listen(app, { warmup, port: 3000, drainMs: 5_000 }); // bound now
 * warmup.boot().catch((error) => console.error('boot failed', error)); // /orders is 503 until Db is ready
 * ```
 */
export function listen(app: RequestListener, options: ListenOptions): Promise<GracefulServer> {
  const { warmup, port, host, drainMs = 0, signals = ['SIGTERM', 'SIGINT'] } = options;
  if (typeof warmup?.shutdown !== 'function') throw new InvalidOptionError('listen', 'warmup', 'must be a Warmup', warmup);
  const server = createServer(app);
  const shutdownOptions = { drainMs, beforeStop: () => closeServer(server) };
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      server.off('error', onError);
      if (signals.length > 0) warmup.enableShutdownHooks({ signals, ...shutdownOptions });
      resolve({ server, port: (server.address() as AddressInfo).port, shutdown: () => warmup.shutdown(shutdownOptions) });
    });
  });
}
