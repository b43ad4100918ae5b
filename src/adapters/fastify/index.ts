/**
 * `preheat/fastify`: a Fastify 5 plugin that boots a {@link Warmup} with the app without holding
 * `pluginTimeout` hostage, decorates `app.warmup` / `app.container`, gates routes on
 * `config.requires` (503 + `Retry-After`), mounts the probes on the app's port, closes in order
 * (readiness, drain, server, hooks) and offers a health check for `@fastify/under-pressure`.
 * Peer dependencies: `fastify` 5, `fastify-plugin`.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import preheat from 'preheat/fastify';
 *
 * const app = Fastify();
 * await app.register(preheat, { warmup, probes: true });
 * app.get('/orders', { config: { requires: [Db] } }, async () => app.container.get(Db).orders());
 * await app.listen({ port: 3000 });
 * ```
 * @packageDocumentation
 */
import { preheat } from './preheatPlugin.js';

export { preheat };
export default preheat;
export { readinessHook } from './readinessHook.js';
export { healthCheck, type HealthCheckOptions } from './healthCheck.js';
export type { PreheatFastifyOptions, ReadyMode } from './PreheatFastifyOptions.js';
