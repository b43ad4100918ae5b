import { ComponentStatus, isUsable, Priority, type BootReport, type ComponentReport, type Phase, type Warmup } from '../../index.js';
import { checkDegradedPolicy, degradedRule } from './degradedRule.js';
import type { ProbeKind, ProbeResult } from './ProbeResult.js';
import type { DegradedPolicy, ReadinessPolicy } from './ProbeOptions.js';

/**
 * Options of {@link probeWarmup}.
 *
 * @example
 * ```ts
 * probeWarmup(warmup, 'readiness', { readiness: 'critical', degraded: 'not-ready', report: warmup.report() });
 * ```
 */
export interface ProbeWarmupOptions {
  /** When readiness passes. Default `'required'`. */
  readonly readiness?: ReadinessPolicy;
  /** Whether a Degraded component counts as ready. Default `'ready'`. */
  readonly degraded?: DegradedPolicy;
  /** A report already taken for this request (saves building a second one). */
  readonly report?: BootReport;
}

/**
 * Evaluates one Kubernetes probe against the container's state, without HTTP: use it to plug
 * preheat into a health framework you already run (terminus, NestJS Terminus, lightship).
 *
 * - `startup`: the CRITICAL wave has settled and its required components are usable.
 * - `readiness`: see {@link ReadinessPolicy} and {@link DegradedPolicy}; never while stopping or
 *   stopped, so load balancers drain before any `onShutdown` hook runs.
 * - `liveness`: fails only when the health monitor gave up on a required component
 *   (`warmup.unrecoverable`); a slow or failed dependency is a readiness matter, not a restart.
 *
 * @example
 * ```ts
 * const { ok, failed } = probeWarmup(warmup, 'readiness', { readiness: 'critical' });
 * ```
 */
export function probeWarmup(warmup: Warmup, probe: ProbeKind, options: ProbeWarmupOptions = {}): ProbeResult {
  const { readiness = 'required', degraded = 'ready' } = options;
  checkDegradedPolicy('probeWarmup', degraded);
  const phase = warmup.phase;
  switch (probe) {
    case 'liveness':
      return liveness(warmup, phase);
    case 'startup':
      return startup(warmup, phase, options.report ?? warmup.report());
    case 'readiness': {
      const report = options.report ?? warmup.report();
      return ready(warmup, phase, report, readiness, degradedRule(warmup, report, degraded));
    }
  }
}

function liveness(warmup: Warmup, phase: Phase): ProbeResult {
  const failed = [...warmup.unrecoverable];
  if (failed.length === 0) return { probe: 'liveness', ok: true, phase, failed, waiting: [] };
  return { probe: 'liveness', ok: false, phase, failed, waiting: [], reason: 'the health monitor gave up on a required component' };
}

function startup(warmup: Warmup, phase: Phase, report: BootReport): ProbeResult {
  const { failed, waiting } = blockers(report, (c) => c.wave === Priority.CRITICAL, never);
  // acceptingRequests is false once stopping; the critical wave was usable all the same.
  const waveSettled = warmup.acceptingRequests || (phase !== 'idle' && phase !== 'booting');
  const ok = waveSettled && failed.length === 0 && waiting.length === 0;
  if (ok) return { probe: 'startup', ok, phase, failed, waiting };
  const reason = failed.length > 0 ? 'a required CRITICAL component failed' : 'the CRITICAL wave is still loading';
  return { probe: 'startup', ok, phase, failed, waiting, reason };
}

function ready(warmup: Warmup, phase: Phase, report: BootReport, policy: ReadinessPolicy, degradedBlocks: (name: string) => boolean): ProbeResult {
  const stopping = phase === 'stopping' || phase === 'stopped';
  const considered = policy === 'critical' ? (c: ComponentReport) => c.wave === Priority.CRITICAL : () => true;
  const { failed, waiting, degraded } = blockers(report, considered, typeof policy === 'function' ? never : degradedBlocks);
  const lists = { failed, waiting, ...(degraded.length === 0 ? {} : { degraded }) };
  if (stopping) return { probe: 'readiness', ok: false, phase, ...lists, reason: 'the container is shutting down' };
  if (phase === 'idle') return { probe: 'readiness', ok: false, phase, ...lists, reason: 'boot() has not been called' };
  const ok = typeof policy === 'function' ? policy({ warmup, phase, report }) : failed.length === 0 && waiting.length === 0 && degraded.length === 0;
  if (ok) return { probe: 'readiness', ok, phase, ...lists };
  const reason =
    typeof policy === 'function'
      ? 'the readiness predicate returned false'
      : failed.length > 0
        ? 'a required component failed'
        : degraded.length > 0
          ? 'a required component is degraded'
          : 'required components are still loading';
  return { probe: 'readiness', ok, phase, ...lists, reason };
}

/**
 * Required components among `considered` that are not usable: failed ones, those still to come,
 * and Degraded ones that `degradedBlocks` says are not ready.
 */
function blockers(
  report: BootReport,
  considered: (c: ComponentReport) => boolean,
  degradedBlocks: (name: string) => boolean,
): { failed: string[]; waiting: string[]; degraded: string[] } {
  const failed: string[] = [];
  const waiting: string[] = [];
  const degraded: string[] = [];
  for (const c of Object.values(report.components)) {
    if (!c.required || !considered(c)) continue;
    if (c.status === ComponentStatus.Degraded && degradedBlocks(c.name)) degraded.push(c.name);
    if (isUsable(c.status)) continue;
    const notYetWanted = c.wave === Priority.DEFERRED && (c.status === ComponentStatus.Pending || c.status === ComponentStatus.Loading);
    if (notYetWanted) continue; // DEFERRED: loaded on demand, so it cannot hold readiness back
    if (c.status === ComponentStatus.Pending || c.status === ComponentStatus.Loading) waiting.push(c.name);
    else if (c.status === ComponentStatus.Failed) failed.push(c.name); // Stopped: shutting down, not broken
  }
  return { failed, waiting, degraded };
}

function never(): boolean {
  return false;
}
