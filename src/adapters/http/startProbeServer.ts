import { createServer, type Server } from 'node:http';
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
  const server = createServer(createProbeHandler(warmup, handlerOptions));
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
