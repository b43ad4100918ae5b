/**
 * `preheat/express`: readiness-gated routes (`requireReady`, 503 + `Retry-After`), the probe
 * routes as a router (`probeRouter`), and a `listen` / `shutdown` that stop in the order load
 * balancers need: readiness fails, the drain, the server closes, then the components' hooks.
 * Peer dependency: `express` 5.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { listen, probeRouter, requireReady } from 'preheat/express';
 *
 * const app = express();
 * app.use(probeRouter(warmup));
 * app.get('/orders', requireReady(warmup, Db), (req, res) => res.json(warmup.container.get(Db).orders()));
 * await listen(app, { warmup, port: 3000, drainMs: 5_000 });
 * await warmup.boot();
 * ```
 * @packageDocumentation
 */
export { requireReady, type RequireReadyOptions } from './requireReady.js';
export { probeRouter } from './probeRouter.js';
export { listen, type ListenOptions, type GracefulServer } from './listen.js';
export { shutdown, type GracefulShutdownOptions } from './shutdown.js';
