import type { IncomingMessage, ServerResponse } from 'node:http';
import { InvalidOptionError, type Warmup } from '../../index.js';
import { checkDegradedPolicy } from './degradedRule.js';
import { toProbeBody } from './ProbeBody.js';
import type { ProbeHandlerOptions } from './ProbeOptions.js';
import type { ProbeKind } from './ProbeResult.js';
import { probeWarmup } from './probeWarmup.js';

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
 * Otherwise 503, with a JSON body naming the culprits (`?verbose` adds every component's status,
 * score and mode). `?tag=db` (repeated: every tag) looks only at the components carrying those
 * health tags, so one probe per dependency is possible; an unknown tag answers 400. Components whose
 * cached health result is stale are listed in `stale`, never failed for.
 * Other paths: 404 (or `next()`); other methods: 405.
 *
 * @example
 * ```ts
 * http.createServer(createProbeHandler(warmup)).listen(9000);
 * app.use(createProbeHandler(warmup, { prefix: '/health' })); // Express
 * ```
 */
export function createProbeHandler(warmup: Warmup, options: ProbeHandlerOptions = {}): ProbeHandler {
  const { prefix = '', paths = {}, readiness = 'required', degraded = 'ready' } = options;
  checkDegradedPolicy('createProbeHandler', degraded); // at startup, not on the first probe
  const { startup = '/startupz', readiness: ready = '/readyz', liveness = '/livez' } = paths;
  const routes = new Map<string, ProbeKind>([
    [join(prefix, startup), 'startup'],
    [join(prefix, ready), 'readiness'],
    [join(prefix, liveness), 'liveness'],
  ]);

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
    try {
      const verbose = isOn(url.searchParams.get('verbose'));
      const tags = url.searchParams.getAll('tag'); // ?tag=db&tag=core: components carrying both
      // One report per request, shared by the verdict and the verbose listing; liveness needs none.
      const report = probe === 'liveness' && !verbose && tags.length === 0 ? undefined : warmup.report();
      const result = probeWarmup(warmup, probe, { readiness, degraded, tags, ...(report === undefined ? {} : { report }) });
      send(req, res, result.ok ? 200 : 503, toProbeBody(result, verbose ? report : undefined, tags));
    } catch (error) {
      if (error instanceof InvalidOptionError && error.option === 'tags') {
        send(req, res, 400, { status: 'fail', probe, error: error.message }); // ?tag= names no tag: the probe is misconfigured
        return;
      }
      // A probe that cannot tell must not say "healthy".
      send(req, res, 500, { status: 'fail', probe, error: error instanceof Error ? error.message : String(error) });
    }
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

/** `?verbose`, `?verbose=1`, `?verbose=true` are on; `?verbose=0` / `false` and absence are off. */
function isOn(value: string | null): boolean {
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

/** `'/health/'` + `'readyz'` → `'/health/readyz'`. */
function join(prefix: string, path: string): string {
  return trimSlash(`${trimSlash(prefix)}/${path}`.replace(/\/{2,}/g, '/'));
}

/** A leading slash, no trailing one: `'health/'` → `'/health'`, `''` → `'/'`. */
function trimSlash(path: string): string {
  const withLead = path.startsWith('/') ? path : `/${path}`;
  return withLead.length > 1 && withLead.endsWith('/') ? withLead.slice(0, -1) : withLead;
}
