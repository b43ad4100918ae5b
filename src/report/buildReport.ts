import type { LearnedReport } from '../adaptive/LearnedReport.js';
import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import { historyOf, oneReadyAttempt, type AttemptHistory, type ComponentStates } from '../readiness/ComponentStates.js';
import type { AttemptRecord } from '../readiness/AttemptRecord.js';
import { messageOf } from '../errors/messageOf.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import type { OperatingMode } from '../health/OperatingMode.js';
import type { HealthScore } from '../lifecycle/MonitorOptions.js';
import { bootReportFormatVersion, type BootReport, type ComponentReport } from './BootReport.js';

/** What {@link buildReport} reads. */
export interface ReportSource {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly graph: DependencyGraph | undefined;
  readonly effective: Uint8Array | undefined;
  readonly schedule: 'waves' | 'eager';
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly healthOf?: (index: number) => HealthScore | undefined;
  /** The last health results (score and mode). */
  readonly checks?: HealthRecords;
  /** What the boot learned (with a profile). */
  readonly learned?: LearnedReport | undefined;
  /** Time the `prime()` hooks took, when some ran. */
  readonly primeMs?: number | undefined;
  /** Components restored from a snapshot (with a cache). */
  readonly restored?: readonly string[] | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Builds the report at the end of the boot (or on request) from the live state. The counts and name
 * lists are computed at once from a snapshot of the state arrays; the per-component entries
 * (`components`, ~0.5 KB each) are built from that same snapshot the first time someone reads them,
 * so a service that never looks at its report does not pay for 100,000 of them. O(V + E) either way.
 * The snapshot keeps the status and times as columns and only the rare rest (errors, attempt
 * histories, abandoned attempts) by index, so the report a boot resolves with, and keeps, holds
 * ~2.4 MB less at 100,000 components than a copy of every column would.
 *
 * The report is a snapshot: later attempts, health checks or registrations do not change it, however
 * late `components` is first read.
 */
export function buildReport(source: ReportSource): BootReport {
  const { specs, states, healthOf, checks } = source;
  const count = specs.length; // a component registered after this call is not in the report
  const snapshot: Snapshot = {
    count,
    status: states.status.slice(0, count),
    oneReady: new Uint8Array(count),
    histories: undefined,
    errors: undefined,
    startedAt: states.startedAt.slice(0, count),
    finishedAt: states.finishedAt.slice(0, count),
    abandoned: undefined,
    health: undefined,
    modes: undefined,
  };
  const { status } = snapshot;
  const { attempts, error, abandoned } = states;
  const readyComponents: string[] = [];
  const degradedComponents: string[] = [];
  const failedComponents: string[] = [];
  const skippedComponents: string[] = [];
  for (let i = 0; i < count; i++) {
    const spec = specs[i]!;
    // A real history is the live array later attempts push into: copy it. Most entries are the shared
    // oneReadyAttempt sentinel or undefined, which never change, so the usual boot copies nothing.
    const history = attempts[i];
    if (history === oneReadyAttempt) snapshot.oneReady[i] = 1;
    else if (Array.isArray(history)) (snapshot.histories ??= new Map()).set(i, history.slice());
    const e = error[i];
    if (e !== undefined) (snapshot.errors ??= new Map()).set(i, e);
    if (abandoned[i]! > 0) (snapshot.abandoned ??= new Map()).set(i, abandoned[i]!);
    // The monitor computes a score on each call: read it now, not when `components` is first read.
    const score = healthOf?.(i);
    if (score !== undefined) (snapshot.health ??= new Map()).set(i, score);
    const last = checks?.last(i);
    if (last !== undefined) (snapshot.modes ??= new Map()).set(i, { score: last.score, mode: last.mode });
    const s = status[i]!;
    if (s === ComponentStatus.Ready) readyComponents.push(spec.name);
    else if (s === ComponentStatus.Degraded) degradedComponents.push(spec.name);
    else if (s === ComponentStatus.Failed) failedComponents.push(spec.name);
    else if (s === ComponentStatus.Skipped) skippedComponents.push(spec.name);
  }
  const report = {
    formatVersion: bootReportFormatVersion,
    total: count,
    readyCount: readyComponents.length,
    degradedCount: degradedComponents.length,
    failedCount: failedComponents.length,
    totalLoadTimeMs: source.finishedAt - source.startedAt,
    startedAt: source.startedAt,
    finishedAt: source.finishedAt,
    schedule: source.schedule,
    readyComponents,
    degradedComponents,
    failedComponents,
    skippedCount: skippedComponents.length,
    skippedComponents,
  } as Mutable<BootReport>;
  if (source.learned !== undefined) report.learned = source.learned;
  if (source.primeMs !== undefined) report.primeMs = source.primeMs;
  if (source.restored !== undefined) report.restoredComponents = source.restored.slice();
  Object.defineProperty(report, 'components', {
    enumerable: true,
    configurable: true,
    get(): Record<string, ComponentReport> {
      const components = buildComponents(source, snapshot);
      Object.defineProperty(report, 'components', { value: components, enumerable: true, writable: false, configurable: false });
      return components;
    },
  });
  return report;
}

interface Snapshot {
  /** How many components there were when the report was built. */
  readonly count: number;
  readonly status: readonly ComponentStatus[];
  /** 1 where the history was the oneReadyAttempt sentinel (one attempt that went well). */
  readonly oneReady: Uint8Array;
  /** Copies of the real history arrays, by index (neither the sentinel nor undefined). */
  histories: Map<number, AttemptRecord[]> | undefined;
  /** The last error, by index, of the components that have one. */
  errors: Map<number, Error> | undefined;
  readonly startedAt: readonly number[];
  readonly finishedAt: readonly number[];
  /** Health scores by index, only for the components a monitor has checked. */
  health: Map<number, HealthScore> | undefined;
  /** The last health result's score and mode, only for the components that have one. */
  modes: Map<number, { readonly score: number; readonly mode: OperatingMode }> | undefined;
  /** Abandoned attempts still running, by index, where there are some. */
  abandoned: Map<number, number> | undefined;
}

function buildComponents(source: ReportSource, snapshot: Snapshot): Record<string, ComponentReport> {
  const { specs, graph, effective } = source;
  const components: Record<string, ComponentReport> = {};
  for (let i = 0; i < snapshot.count; i++) {
    const spec = specs[i]!;
    const status = snapshot.status[i]!;
    const dependsOn: string[] = [];
    const optionalDependsOn: string[] = [];
    if (graph !== undefined && i < graph.size) {
      for (let e = graph.depStart[i]!, end = graph.depStart[i + 1]!; e < end; e++) {
        const name = specs[graph.depList[e]!]!.name;
        dependsOn.push(name);
        if (graph.depRequired[e] === 0) optionalDependsOn.push(name);
      }
    }
    const startedAt = snapshot.startedAt[i]!;
    const finishedAt = snapshot.finishedAt[i]!;
    const kept: AttemptHistory = snapshot.oneReady[i] === 1 ? oneReadyAttempt : snapshot.histories?.get(i);
    const history = historyOf(kept, startedAt, finishedAt);
    const error = snapshot.errors?.get(i);
    const health = snapshot.health?.get(i);
    const effectivePriority = effective !== undefined && i < effective.length ? effective[i]! : spec.priority;
    // Built field by field, optional ones only when present: no spread objects per component.
    const report: Mutable<ComponentReport> = {
      name: spec.name,
      status,
      priority: spec.priority,
      effectivePriority,
      dependsOn,
      optionalDependsOn,
      wave: effectivePriority,
      required: spec.required,
      attempts: history.length,
      attemptHistory: history,
    };
    if (!Number.isNaN(startedAt)) report.startedAt = startedAt;
    if (!Number.isNaN(finishedAt)) report.finishedAt = finishedAt;
    if (!Number.isNaN(startedAt) && !Number.isNaN(finishedAt)) report.loadTimeMs = finishedAt - startedAt;
    if (error !== undefined) report.lastError = messageOf(error);
    if (PreheatError.is(error)) report.errorCode = error.code;
    if (health !== undefined) report.health = health;
    const last = snapshot.modes?.get(i);
    if (last !== undefined) {
      report.score = last.score;
      report.mode = last.mode;
    }
    if (spec.health.tags.length > 0) report.tags = spec.health.tags;
    const abandonedRunning = snapshot.abandoned?.get(i);
    if (abandonedRunning !== undefined) report.abandonedRunning = abandonedRunning;
    // A skip is final, so its reason can be read as late as this.
    if (status === ComponentStatus.Skipped) report.skipReason = source.states.skipReason(i) ?? 'disabled';
    // Assigning to '__proto__' would set the object's prototype instead of adding a key.
    if (spec.name === '__proto__') Object.defineProperty(components, spec.name, { value: report, enumerable: true, writable: true, configurable: true });
    else components[spec.name] = report;
  }
  return components;
}
