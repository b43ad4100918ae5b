import { priorityName, type BootReport, type ComponentStatus, type Phase } from '../../index.js';
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
  readonly reason?: string;
  /** Every component, with `?verbose`. */
  readonly components?: Record<string, ProbeComponent>;
}

/** Shapes a {@link ProbeResult} (and, for `?verbose`, the report) into the answer's body. Internal. */
export function toProbeBody(result: ProbeResult, report: BootReport | undefined): ProbeBody {
  const { ok, probe, phase, failed, waiting, degraded, reason } = result;
  return {
    status: ok ? 'pass' : 'fail',
    probe,
    phase,
    failed,
    waiting,
    ...(degraded === undefined ? {} : { degraded }),
    ...(reason === undefined ? {} : { reason }),
    ...(report === undefined ? {} : { components: componentsOf(report) }),
  };
}

function componentsOf(report: BootReport): Record<string, ProbeComponent> {
  const components: Record<string, ProbeComponent> = {};
  for (const c of Object.values(report.components)) {
    components[c.name] = {
      status: c.status,
      required: c.required,
      wave: priorityName(c.wave),
      attempts: c.attempts,
      ...(c.errorCode === undefined ? {} : { errorCode: c.errorCode }),
    };
  }
  return components;
}
