import type { Server } from 'node:http';
import type { Warmup } from '../../index.js';
import { createProbeHandler } from './createProbeHandler.js';
import type { ProbeServerOptions } from './ProbeOptions.js';

/**
 * Starts a small HTTP server that answers only the probes (see {@link createProbeHandler}),
 * separate from your application's port so probes never queue behind user traffic. Resolves once
 * it listens; rejects if the port is taken. Keep it open through `shutdown()` (Kubernetes keeps
 * probing while the pod terminates) and close it last.
 *
 * @example
 * ```ts
 * const probes = await startProbeServer(warmup, { port: 9000 });
 * await warmup.boot();
 * // on SIGTERM: await warmup.shutdown(); probes.close();
 * ```
 */
export function startProbeServer(warmup: Warmup, options: ProbeServerOptions): Promise<Server> {
  const { port, host, ...handlerOptions } = options;
  // Bad options still throw here, synchronously, before anything is loaded or listens.
  const handler = createProbeHandler(warmup, handlerOptions);
  // node:http is loaded on first use: it costs 4–11 ms to import on Node 20, and an app that only
  // mounts createProbeHandler on its own server (or uses the probe functions) never needs it here.
  return import('node:http').then(({ createServer }) => listen(createServer(handler), port, host));
}

function listen(server: Server, port: number, host: string | undefined): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
