import type { Warmup } from '../../index.js';
import type { ProbeHandlerOptions } from '../http/ProbeOptions.js';
import type { ReadinessGateOptions } from '../http/readinessGate.js';

/**
 * What `fastify.ready()` (and so `listen()`) waits for:
 * - `'none'`: nothing: the port binds at once, routes with `requires` answer 503 until their
 *   components are usable (bind early, gate traffic);
 * - `'critical'`: the CRITICAL wave (`warmup.waitForCritical()`); rejects if a required CRITICAL
 *   component fails;
 * - `'all'`: the whole boot (`warmup.boot()`); rejects with its BootError.
 *
 * In every case the plugin's own registration returns at once: the boot is not a plugin avvio
 * times, and the plugins registered after it load while it runs. The wait itself is an `onReady`
 * hook (`preheatReady`), which Fastify times with `pluginTimeout` like every onReady hook: with
 * `'critical'` only the CRITICAL wave counts; with `'none'` nothing does, so a 30 s model load in
 * the LOW wave needs no `pluginTimeout: 30_000`.
 *
 * @example
 * ```ts
 * await app.register(preheat, { warmup, ready: 'none' });
 * await app.listen({ port: 3000 }); // bound before anything has loaded
 * ```
 */
export type ReadyMode = 'none' | 'critical' | 'all';

/**
 * Options of the `preheat/fastify` plugin. Only `warmup` is required.
 *
 * @example
 * ```ts
 * await app.register(preheat, {
 *   warmup,
 *   ready: 'critical',
 *   probes: { prefix: '/health' },   // GET /health/startupz, /health/readyz, /health/livez
 *   drainMs: 5_000,
 *   signals: ['SIGTERM', 'SIGINT'],
 * });
 * ```
 */
export interface PreheatFastifyOptions extends ReadinessGateOptions {
  readonly warmup: Warmup;
  /** What `ready()` waits for. Default `'critical'`. */
  readonly ready?: ReadyMode;
  /** Whether the plugin calls `warmup.boot()` (false: you call it). Default `true`. */
  readonly boot?: boolean;
  /** Mounts `/startupz`, `/readyz`, `/livez` on the app's port: `true` or the probe options. Default: not mounted. */
  readonly probes?: boolean | ProbeHandlerOptions;
  /**
   * Time between readiness failing and the server closing, so load balancers stop routing here
   * first (the shutdown's `drainMs`). Default 0.
   */
  readonly drainMs?: number;
  /**
   * Signals that shut the app down gracefully: readiness fails, the drain (requests still served),
   * `app.close()`, then the components' hooks, then the process exits (see
   * `warmup.enableShutdownHooks`). Default: none (call `app.close()` yourself).
   */
  readonly signals?: readonly NodeJS.Signals[];
}
