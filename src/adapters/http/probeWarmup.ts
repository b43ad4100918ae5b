import { ComponentStatus, InvalidOptionError, isUsable, Priority, type BootReport, type ComponentReport, type Phase, type Warmup } from '../../index.js';
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
  /**
   * Only components carrying every one of these health tags count (`health: { tags }`), e.g. a
   * readiness probe per dependency: `['db']`. A tag no component carries throws InvalidOptionError
   * (a typo must not pass as "nothing to wait for"). Default: every component.
   */
  readonly tags?: readonly string[];
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
  const { readiness = 'required', degraded = 'ready', tags = [] } = options;
  checkDegradedPolicy('probeWarmup', degraded);
  const phase = warmup.phase;
  const report = probe === 'liveness' && tags.length === 0 ? undefined : (options.report ?? warmup.report());
  const tagged = report === undefined ? always : taggedRule(report, tags);
  switch (probe) {
    case 'liveness':
      return liveness(warmup, phase, report, tagged);
    case 'startup':
      return withStale(warmup, tags, startup(warmup, phase, report!, tagged));
    case 'readiness':
      return withStale(warmup, tags, ready(warmup, phase, report!, readiness, degradedRule(warmup, report!, degraded), tagged));
  }
}

/** Whether a component carries every tag; throws InvalidOptionError for a tag no component carries. */
function taggedRule(report: BootReport, tags: readonly string[]): (c: ComponentReport) => boolean {
  if (tags.length === 0) return always;
  const components = Object.values(report.components);
  for (const tag of tags) {
    if (typeof tag !== 'string' || !components.some((c) => c.tags?.includes(tag) === true)) {
      throw new InvalidOptionError('probeWarmup', 'tags', 'must name tags some component carries (health: { tags })', tag, 'GET /readyz?verbose lists every component with its tags.');
    }
  }
  return (c) => tags.every((t) => c.tags?.includes(t) === true);
}

/** Adds the components whose cached health result is stale (the monitor is behind): told, not failed. */
function withStale(warmup: Warmup, tags: readonly string[], result: ProbeResult): ProbeResult {
  const { stale } = warmup.health(tags.length === 0 ? {} : { tag: tags });
  return stale.length === 0 ? result : { ...result, stale };
}

function liveness(warmup: Warmup, phase: Phase, report: BootReport | undefined, tagged: (c: ComponentReport) => boolean): ProbeResult {
  const failed = warmup.unrecoverable.filter((name) => report === undefined || (report.components[name] !== undefined && tagged(report.components[name])));
  if (failed.length === 0) return { probe: 'liveness', ok: true, phase, failed, waiting: [] };
  return { probe: 'liveness', ok: false, phase, failed, waiting: [], reason: 'the health monitor gave up on a required component' };
}

function startup(warmup: Warmup, phase: Phase, report: BootReport, tagged: (c: ComponentReport) => boolean): ProbeResult {
  const { failed, waiting } = blockers(report, (c) => c.wave === Priority.CRITICAL && tagged(c), never);
  // acceptingRequests is false once stopping; the critical wave was usable all the same.
  const waveSettled = warmup.acceptingRequests || (phase !== 'idle' && phase !== 'booting');
  const ok = waveSettled && failed.length === 0 && waiting.length === 0;
  if (ok) return { probe: 'startup', ok, phase, failed, waiting };
  const reason = failed.length > 0 ? 'a required CRITICAL component failed' : 'the CRITICAL wave is still loading';
  return { probe: 'startup', ok, phase, failed, waiting, reason };
}

function ready(
  warmup: Warmup,
  phase: Phase,
  report: BootReport,
  policy: ReadinessPolicy,
  degradedBlocks: (name: string) => boolean,
  tagged: (c: ComponentReport) => boolean,
): ProbeResult {
  const stopping = phase === 'stopping' || phase === 'stopped';
  const considered = policy === 'critical' ? (c: ComponentReport) => c.wave === Priority.CRITICAL && tagged(c) : tagged;
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

function always(): boolean {
  return true;
}
