import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import type { Container } from 'inversify';
import { BootCancelledError, type ComponentId, type Warmup } from '../../index.js';
import { answerProbe, isVerbose, tagsOf } from '../http/answerProbe.js';
import { probeRoutes } from '../http/probeRoutes.js';
import { checkPluginOptions } from './checkPluginOptions.js';
import { closeWithWarmup } from './closeWithWarmup.js';
import type { PreheatFastifyOptions } from './PreheatFastifyOptions.js';
import { readinessHook } from './readinessHook.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Warmup the `preheat/fastify` plugin was given. */
    readonly warmup: Warmup;
    /** `warmup.container`: the inversify Container the components are bound in. */
    readonly container: Container;
  }
  interface FastifyContextConfig {
    /** Components this route needs: 503 + `Retry-After` until each is usable (`preheat/fastify`). */
    readonly requires?: readonly ComponentId[];
  }
}

// A callback plugin that calls done() at once: nothing in it waits, so avvio's timer for it is moot.
const plugin: FastifyPluginCallback<PreheatFastifyOptions> = (fastify, options, done) => {
  try {
    setUp(fastify, options);
    done();
  } catch (error) {
    done(error as Error);
  }
};

function setUp(fastify: FastifyInstance, options: PreheatFastifyOptions): void {
  checkPluginOptions(options);
  const { warmup, ready = 'critical', boot = true, probes = false, drainMs = 0, signals = [], retryAfter, degraded } = options;
  const gateOptions = { ...(retryAfter === undefined ? {} : { retryAfter }), ...(degraded === undefined ? {} : { degraded }) };

  fastify.decorate('warmup', warmup);
  fastify.decorate('container', warmup.container);

  fastify.addHook('onRoute', (route) => {
    const requires = route.config?.requires;
    if (requires === undefined) return;
    const gate = readinessHook(warmup, requires, gateOptions, `${String(route.method)} ${route.url}`);
    const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [gate, ...own]; // first: the route's own hooks may need the components too
  });

  if (probes !== false) mountProbes(fastify, warmup, probes === true ? {} : probes);
  closeWithWarmup(fastify, warmup, drainMs, signals);

  // Started here, not awaited here: the plugin returns at once, so the boot is not inside a plugin
  // avvio times, and the plugins registered after this one load while it runs.
  const booting = boot ? warmup.boot() : undefined;
  // Always handled here: under 'all', onReady hands the rejection to ready(); but an app closed
  // before ready(), or never made ready, must not leave it unhandled. A shutdown during the boot
  // (BootCancelledError) is no failure.
  booting?.catch((error: unknown) => {
    if (ready === 'all' || error instanceof BootCancelledError) return;
    fastify.log.error({ err: error }, 'preheat: the boot failed; routes that require its components answer 503');
  });
  // Named, so that if Fastify's pluginTimeout (it times each onReady hook too) runs out, its error
  // names this hook rather than some plugin.
  fastify.addHook('onReady', async function preheatReady() {
    if (ready === 'critical') await warmup.waitForCritical();
    else if (ready === 'all') await (booting ?? warmup.boot());
  });
}

function mountProbes(fastify: FastifyInstance, warmup: Warmup, options: Parameters<typeof probeRoutes>[0]): void {
  const { routes, readiness, degraded } = probeRoutes(options, 'preheat/fastify probes');
  for (const [url, probe] of routes) {
    fastify.get(url, (request, reply) => {
      const { verbose, tag } = request.query as { verbose?: string; tag?: string | string[] };
      const { status, body } = answerProbe(warmup, probe, isVerbose(verbose), { readiness, degraded }, tagsOf(tag));
      return reply.code(status).header('cache-control', 'no-store').send(body);
    });
  }
}

/**
 * `preheat/fastify`: boots a {@link Warmup} with the app, gates routes on their components and
 * closes both in order. Registered with `fastify-plugin`, so its decorations, hooks and routes
 * belong to the app, not to an encapsulated child. **`await` the registration before declaring
 * routes that use `config.requires`**: like `@fastify/rate-limit`, it reads a route's config in an
 * `onRoute` hook (so routes without `requires` pay nothing), and Fastify calls onRoute hooks when
 * the route is declared, so a route declared before the plugin loaded is not gated.
 *
 * - The boot starts when the plugin loads, and the plugin returns at once: the boot is not timed
 *   as a plugin and the plugins after it load meanwhile. `ready()` (so `listen()`) then waits for
 *   what `ready` says in an `onReady` hook, `preheatReady`; Fastify times each onReady hook with
 *   `pluginTimeout` (default 10 s), so for a longer wait use `ready: 'none'` (bind at once, gate
 *   routes with `requires`) or raise `pluginTimeout`.
 * - `app.warmup`, `app.container` (also `request.server.container` in handlers).
 * - `config: { requires: [Db, 'cache'] }` on a route: 503 + `Retry-After` + a JSON body naming what
 *   is not ready, until those components are usable.
 * - `probes`: `/startupz`, `/readyz`, `/livez` on the app's port, as `preheat/http` answers them.
 * - `app.close()`: readiness fails (phase `stopping`), the drain, the server closes (in-flight
 *   requests finish), then `warmup.shutdown()` runs the components' hooks. With `signals`, the
 *   drain comes before `close()`, so requests are still served while load balancers notice.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import preheat from 'preheat/fastify';
 *
 * const app = Fastify();
 * await app.register(preheat, { warmup, ready: 'none', probes: true, drainMs: 5_000, signals: ['SIGTERM'] });
 * app.get('/orders', { config: { requires: [Db] } }, async () => app.container.get(Db).orders());
 * await app.listen({ port: 3000 }); // bound at once; /orders is 503 until Db is usable
 * ```
 */
export const preheat = fp(plugin, { fastify: '5.x', name: 'preheat' });
