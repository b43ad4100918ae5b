import type { BootReport, ComponentId, Phase, Warmup } from '../../index.js';

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
 * Whether a Degraded component (loaded, in use, but its health check fails) counts as ready:
 * - `'ready'`: it does, like a Ready one (the default: Degraded means "working, watch it");
 * - `'not-ready'`: it does not, like a Failed one, so `/readyz` answers 503 naming it in `degraded`;
 * - a list of components (tokens or names): only these are not ready when Degraded.
 *
 * It changes only how a Degraded component counts among those `readiness` waits for (required
 * ones; with `'critical'`, those of the CRITICAL wave), so listing an optional component changes
 * nothing, as a Failed optional one does not hold readiness back either. A predicate `readiness`
 * decides on its own. `/startupz` and `/livez` never fail for a Degraded component: a restart
 * rarely fixes what a slow dependency degraded.
 *
 * A token is matched by the name its component gets by default (a class's name, a symbol's
 * description); list a component registered with a `name` of its own by that name. An entry that
 * names no component makes the probe answer 500 (it cannot tell) until it is fixed.
 *
 * @example
 * ```ts
 * createProbeHandler(warmup, { degraded: 'not-ready' });       // any required component
 * createProbeHandler(warmup, { degraded: ['payments', Db] });  // only these two
 * ```
 */
export type DegradedPolicy = 'ready' | 'not-ready' | readonly ComponentId[];

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
  /** Whether a Degraded component counts as ready for `/readyz`. Default `'ready'`. */
  readonly degraded?: DegradedPolicy;
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
