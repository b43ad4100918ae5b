import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Warmup } from '../../index.js';
import { answerProbe, isVerbose } from './answerProbe.js';
import type { ProbeHandlerOptions } from './ProbeOptions.js';
import { probeRoutes, trimSlash } from './probeRoutes.js';

/**
 * A node `http` request listener. Given `next` (Express, Connect), paths it does not own go on to
 * `next()` instead of a 404.
 *
 * @example
 * ```ts
 * const probes: ProbeHandler = createProbeHandler(warmup);
 * app.use(probes); // Express: /readyz etc. answered here, the rest goes on
 * fastify.get('/readyz', (req, reply) => { reply.hijack(); probes(req.raw, reply.raw); }); // Fastify
 * ```
 */
export type ProbeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * Kubernetes probe endpoints for a {@link Warmup}, as a plain `(req, res)` listener: no web
 * framework needed. `GET` or `HEAD` on
 * - `/startupz`: 200 once the CRITICAL wave is usable;
 * - `/readyz`: 200 while every required component is Ready or Degraded (see `readiness`, and
 *   `degraded` to count Degraded as not ready), 503 from the moment `shutdown()` is called, before
 *   any `onShutdown` hook runs;
 * - `/livez`: 200 unless the health monitor gave up on a required component.
 *
 * Otherwise 503, with a JSON body naming the culprits (`?verbose` adds every component's status).
 * Other paths: 404 (or `next()`); other methods: 405.
 *
 * @example
 * ```ts
 * http.createServer(createProbeHandler(warmup)).listen(9000);
 * app.use(createProbeHandler(warmup, { prefix: '/health' })); // Express
 * ```
 */
export function createProbeHandler(warmup: Warmup, options: ProbeHandlerOptions = {}): ProbeHandler {
  const { routes, readiness, degraded } = probeRoutes(options, 'createProbeHandler');

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://probe.invalid');
    const probe = routes.get(trimSlash(url.pathname));
    if (probe === undefined) {
      if (next !== undefined) next();
      else send(req, res, 404, { error: 'not found', paths: [...routes.keys()] });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(req, res, 405, { error: 'method not allowed' });
      return;
    }
    const { status, body } = answerProbe(warmup, probe, isVerbose(url.searchParams.get('verbose')), { readiness, degraded }, url.searchParams.getAll('tag'));
    send(req, res, status, body);
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(req.method === 'HEAD' ? undefined : text);
}
