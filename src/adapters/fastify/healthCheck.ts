import type { Warmup } from '../../index.js';
import type { ProbeKind } from '../http/ProbeResult.js';
import { probeWarmup, type ProbeWarmupOptions } from '../http/probeWarmup.js';

/**
 * Options of {@link healthCheck}: which probe, and the probe's policies.
 *
 * @example
 * ```ts
 * healthCheck(warmup, { probe: 'liveness' });
 * healthCheck(warmup, { readiness: 'critical' });
 * ```
 */
export interface HealthCheckOptions extends Omit<ProbeWarmupOptions, 'report'> {
  /** Default `'readiness'`: under-pressure then answers 503 to every route until the service is ready. */
  readonly probe?: ProbeKind;
}

/**
 * A health check for `@fastify/under-pressure`'s `healthCheck` option: resolves `true` while the
 * probe passes (see `probeWarmup` in `preheat/http`), `false` otherwise. With the default
 * readiness probe, under-pressure's status route answers 503 until the boot is ready and from the
 * moment the shutdown begins; with `healthCheckInterval`, every route does.
 *
 * @example
 * ```ts
 * import underPressure from '@fastify/under-pressure';
 * import { healthCheck } from 'preheat/fastify';
 *
 * await app.register(underPressure, { healthCheck: healthCheck(warmup), healthCheckInterval: 1_000, exposeStatusRoute: '/status' });
 * ```
 */
export function healthCheck(warmup: Warmup, options: HealthCheckOptions = {}): () => Promise<boolean> {
  const { probe = 'readiness', ...policies } = options;
  return () => Promise.resolve(probeWarmup(warmup, probe, policies).ok);
}
