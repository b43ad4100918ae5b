/**
 * `preheat/http`: Kubernetes startup, readiness and liveness probes from a {@link Warmup}'s own
 * state, on node's `http` (no web framework needed).
 *
 * @example
 * ```ts
 * import { startProbeServer } from 'preheat/http';
 *
 * await startProbeServer(warmup, { port: 9000 }); // GET /startupz, /readyz, /livez
 * await warmup.boot();
 * ```
 * @packageDocumentation
 */
export { createProbeHandler, type ProbeHandler } from './createProbeHandler.js';
export { startProbeServer } from './startProbeServer.js';
export { probeWarmup, type ProbeWarmupOptions } from './probeWarmup.js';
export {
  checkRequires,
  checkRequiresTokens,
  type NotReadyAnswer,
  type NotReadyBody,
  type NotReadyComponent,
  type ReadinessGateOptions,
} from './readinessGate.js';
export type { ProbeHandlerOptions, ProbeServerOptions, ProbePaths, ReadinessPolicy, DegradedPolicy, ProbeContext } from './ProbeOptions.js';
export type { ProbeResult, ProbeKind } from './ProbeResult.js';
export type { ProbeBody, ProbeComponent } from './ProbeBody.js';
