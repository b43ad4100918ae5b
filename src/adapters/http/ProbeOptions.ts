import type { BootReport, Phase, Warmup } from '../../index.js';

/**
 * What a custom readiness predicate sees.
 *
 * @example
 * ```ts
 * const readiness = ({ phase, report }: ProbeContext) => phase === 'ready' && report.degradedCount === 0;
 * ```
 */
export interface ProbeContext {
  readonly warmup: Warmup;
  readonly phase: Phase;
  /** `warmup.report()`, taken once for this request. */
  readonly report: BootReport;
}

/**
 * When `/readyz` answers 200 (always 503 while the container is stopping or stopped):
 * - `'required'`: every required component is Ready or Degraded (DEFERRED ones only once loaded);
 * - `'critical'`: every required component of the CRITICAL wave is Ready or Degraded;
 * - a predicate of your own.
 *
 * @example
 * ```ts
 * createProbeHandler(warmup, { readiness: 'critical' });
 * createProbeHandler(warmup, { readiness: ({ report }) => report.components.db?.status === 'ready' });
 * ```
 */
export type ReadinessPolicy = 'required' | 'critical' | ((context: ProbeContext) => boolean);

/**
 * The three endpoint paths, each relative to `prefix`.
 *
 * @example
 * ```ts
 * createProbeHandler(warmup, { paths: { liveness: '/healthz' } }); // /startupz, /readyz, /healthz
 * ```
 */
export interface ProbePaths {
  /** Default `'/startupz'`. */
  readonly startup?: string;
  /** Default `'/readyz'`. */
  readonly readiness?: string;
  /** Default `'/livez'`. */
  readonly liveness?: string;
}

/**
 * Options of {@link createProbeHandler}. Every field is optional.
 *
 * @example
 * ```ts
 * createProbeHandler(warmup, { prefix: '/health', readiness: 'critical' }); // GET /health/readyz
 * ```
 */
export interface ProbeHandlerOptions {
  /** Prepended to every path, e.g. `'/health'`. Default `''`. */
  readonly prefix?: string;
  /** Endpoint paths. Default `{ startup: '/startupz', readiness: '/readyz', liveness: '/livez' }`. */
  readonly paths?: ProbePaths;
  /** When `/readyz` is 200. Default `'required'`. */
  readonly readiness?: ReadinessPolicy;
}

/**
 * Options of {@link startProbeServer}: where to listen, plus the handler's options.
 *
 * @example
 * ```ts
 * const server = await startProbeServer(warmup, { port: 9000, host: '0.0.0.0' });
 * ```
 */
export interface ProbeServerOptions extends ProbeHandlerOptions {
  /** TCP port; `0` picks a free one (read it from `server.address()`). */
  readonly port: number;
  /** Interface to bind. Default: every interface (node's default). */
  readonly host?: string;
}
