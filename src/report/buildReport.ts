import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import { messageOf } from '../run/runComponent.js';
import type { HealthScore } from '../lifecycle/MonitorOptions.js';
import type { BootReport, ComponentReport } from './BootReport.js';

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
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Builds the report once, at the end (or on request), from the live state. O(V + E). */
export function buildReport(source: ReportSource): BootReport {
  const { specs, states, graph, effective } = source;
  const components: Record<string, ComponentReport> = {};
  const readyComponents: string[] = [];
  const degradedComponents: string[] = [];
  const failedComponents: string[] = [];
  for (const spec of specs) {
    const i = spec.index;
    const status = states.status[i]!;
    if (status === ComponentStatus.Ready) readyComponents.push(spec.name);
    else if (status === ComponentStatus.Degraded) degradedComponents.push(spec.name);
    else if (status === ComponentStatus.Failed) failedComponents.push(spec.name);
    const dependsOn: string[] = [];
    const optionalDependsOn: string[] = [];
    if (graph !== undefined && i < graph.size) {
      for (let e = graph.depStart[i]!, end = graph.depStart[i + 1]!; e < end; e++) {
        const name = specs[graph.depList[e]!]!.name;
        dependsOn.push(name);
        if (graph.depRequired[e] === 0) optionalDependsOn.push(name);
      }
    }
    const history = states.attempts[i] ?? [];
    const startedAt = states.startedAt[i]!;
    const finishedAt = states.finishedAt[i]!;
    const error = states.error[i];
    const health = source.healthOf?.(i);
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
    components[spec.name] = report;
  }
  return {
    total: specs.length,
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
    components,
  };
}
