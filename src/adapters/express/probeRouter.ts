import express, { type Router } from 'express';
import type { Warmup } from '../../index.js';
import { answerProbe, isVerbose, tagsOf } from '../http/answerProbe.js';
import type { ProbeHandlerOptions } from '../http/ProbeOptions.js';
import { probeRoutes } from '../http/probeRoutes.js';

/**
 * An Express router with the probe routes, `GET` (and `HEAD`) `/startupz`, `/readyz`, `/livez`,
 * answered exactly as `preheat/http` answers them (200 / 503 + a JSON body, `?verbose`, 503 from
 * the moment the shutdown begins). Mount it anywhere: paths are relative to the mount point, plus
 * `prefix`.
 *
 * @example
 * ```ts
 * import { probeRouter } from 'preheat/express';
 *
 * app.use(probeRouter(warmup));                                  // GET /readyz
 * app.use('/health', probeRouter(warmup, { readiness: 'critical' })); // GET /health/readyz
 * ```
 */
export function probeRouter(warmup: Warmup, options: ProbeHandlerOptions = {}): Router {
  const { routes, readiness, degraded } = probeRoutes(options, 'probeRouter');
  const router = express.Router();
  for (const [path, probe] of routes) {
    router.get(path, (req, res) => {
      const verbose = req.query['verbose'];
      const { status, body } = answerProbe(warmup, probe, isVerbose(typeof verbose === 'string' ? verbose : undefined), { readiness, degraded }, tagsOf(req.query['tag']));
      res.status(status).set('cache-control', 'no-store').json(body);
    });
  }
  return router;
}
