import { checkDegradedPolicy } from './degradedRule.js';
import type { DegradedPolicy, ProbeHandlerOptions, ReadinessPolicy } from './ProbeOptions.js';
import type { ProbeKind } from './ProbeResult.js';

/** Probe options with their defaults applied, and the path of each probe. Internal. */
export interface ProbeRoutes {
  /** Full path (prefix included, no trailing slash) → probe. */
  readonly routes: ReadonlyMap<string, ProbeKind>;
  readonly readiness: ReadinessPolicy;
  readonly degraded: DegradedPolicy;
}

/**
 * Reads {@link ProbeHandlerOptions} once, at startup (a bad `degraded` throws here, not on the
 * first probe), for `createProbeHandler` and the framework adapters alike. Internal.
 */
export function probeRoutes(options: ProbeHandlerOptions, owner: string): ProbeRoutes {
  const { prefix = '', paths = {}, readiness = 'required', degraded = 'ready' } = options;
  checkDegradedPolicy(owner, degraded);
  const { startup = '/startupz', readiness: ready = '/readyz', liveness = '/livez' } = paths;
  const routes = new Map<string, ProbeKind>([
    [joinPath(prefix, startup), 'startup'],
    [joinPath(prefix, ready), 'readiness'],
    [joinPath(prefix, liveness), 'liveness'],
  ]);
  return { routes, readiness, degraded };
}

/** `'/health/'` + `'readyz'` → `'/health/readyz'`. */
function joinPath(prefix: string, path: string): string {
  return trimSlash(`${trimSlash(prefix)}/${path}`.replace(/\/{2,}/g, '/'));
}

/** A leading slash, no trailing one: `'health/'` → `'/health'`, `''` → `'/'`. */
export function trimSlash(path: string): string {
  const withLead = path.startsWith('/') ? path : `/${path}`;
  return withLead.length > 1 && withLead.endsWith('/') ? withLead.slice(0, -1) : withLead;
}
