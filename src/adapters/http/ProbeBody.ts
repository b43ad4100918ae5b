import { priorityName, type BootReport, type ComponentStatus, type OperatingMode, type Phase } from '../../index.js';
import type { ProbeKind, ProbeResult } from './ProbeResult.js';

/**
 * One component in a verbose probe answer (`GET /readyz?verbose`).
 *
 * @example
 * ```json
 * { "db": { "status": "failed", "required": true, "wave": "HIGH", "attempts": 3, "errorCode": "PREHEAT_TIMEOUT" } }
 * ```
 */
export interface ProbeComponent {
  readonly status: ComponentStatus;
  readonly required: boolean;
  /** `'CRITICAL'`, `'HIGH'`, … or `'DEFERRED'`. */
  readonly wave: string;
  readonly attempts: number;
  /** The stable error code (e.g. `PREHEAT_TIMEOUT`); messages stay out, they may hold secrets. */
  readonly errorCode?: string;
  /** The last health score, 0..1, once checked. */
  readonly score?: number;
  /** The operating mode that score put it in, once checked. */
  readonly mode?: OperatingMode;
  /** Its health tags, when it has any. */
  readonly tags?: readonly string[];
}

/**
 * The JSON body of a probe answer. `status` follows the IETF health-check draft: `pass` with 200,
 * `fail` with 503.
 *
 * @example
 * ```json
 * { "status": "fail", "probe": "readiness", "phase": "failed", "failed": ["db"], "waiting": [],
 *   "reason": "a required component failed" }
 * { "status": "fail", "probe": "readiness", "phase": "ready", "failed": [], "waiting": [], "degraded": ["db"],
 *   "reason": "a required component is degraded" }
 * ```
 */
export interface ProbeBody {
  readonly status: 'pass' | 'fail';
  readonly probe: ProbeKind;
  readonly phase: Phase;
  readonly failed: readonly string[];
  readonly waiting: readonly string[];
  /** Degraded components that make readiness fail (the `degraded` option); absent when none. */
  readonly degraded?: readonly string[];
  /** Components whose cached health result is stale (listed, not failed for); absent when none. */
  readonly stale?: readonly string[];
  /** The tags the probe was filtered by (`?tag=`); absent when none. */
  readonly tags?: readonly string[];
  readonly reason?: string;
  /** Every component, with `?verbose`. */
  readonly components?: Record<string, ProbeComponent>;
}

/** Shapes a {@link ProbeResult} (and, for `?verbose`, the report) into the answer's body. Internal. */
export function toProbeBody(result: ProbeResult, report: BootReport | undefined, tags: readonly string[] = []): ProbeBody {
  const { ok, probe, phase, failed, waiting, degraded, stale, reason } = result;
  return {
    status: ok ? 'pass' : 'fail',
    probe,
    phase,
    failed,
    waiting,
    ...(degraded === undefined ? {} : { degraded }),
    ...(stale === undefined ? {} : { stale }),
    ...(tags.length === 0 ? {} : { tags }),
    ...(reason === undefined ? {} : { reason }),
    ...(report === undefined ? {} : { components: componentsOf(report, tags) }),
  };
}

function componentsOf(report: BootReport, tags: readonly string[]): Record<string, ProbeComponent> {
  const components: Record<string, ProbeComponent> = {};
  for (const c of Object.values(report.components)) {
    if (!tags.every((t) => c.tags?.includes(t) === true)) continue;
    components[c.name] = {
      status: c.status,
      required: c.required,
      wave: priorityName(c.wave),
      attempts: c.attempts,
      ...(c.errorCode === undefined ? {} : { errorCode: c.errorCode }),
      ...(c.score === undefined ? {} : { score: c.score }),
      ...(c.mode === undefined ? {} : { mode: c.mode }),
      ...(c.tags === undefined ? {} : { tags: c.tags }),
    };
  }
  return components;
}
