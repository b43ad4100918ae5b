import { ComponentStatus, Priority, type AttemptOutcome, type AttemptRecord, type BootReport, type ComponentReport } from '../../../src/index.js';

/** A component of a hand-built report; times are ms after the boot started. */
export interface ComponentSketch {
  readonly wave?: number;
  readonly priority?: number;
  readonly start?: number;
  readonly end?: number;
  readonly deps?: readonly string[];
  readonly optionalDeps?: readonly string[];
  readonly status?: ComponentStatus;
  readonly required?: boolean;
  /** [start, end, outcome] per attempt; default one attempt over [start, end] when it ran. */
  readonly attempts?: readonly (readonly [number, number, AttemptOutcome])[];
  readonly error?: string;
}

/** Boot start on the report's clock: far from 0, so code that forgets to subtract it shows. */
export const epoch = 1_700_000_000_000;

/** Builds a BootReport the way buildReport would, from a sketch of each component. */
export function makeReport(
  sketches: Readonly<Record<string, ComponentSketch>>,
  options: { finishedAt?: number; schedule?: 'waves' | 'eager' } = {},
): BootReport {
  const components: Record<string, ComponentReport> = {};
  let lastEnd = 0;
  for (const [name, s] of Object.entries(sketches)) {
    const status = s.status ?? (s.end === undefined ? ComponentStatus.Pending : ComponentStatus.Ready);
    const outcome: AttemptOutcome = status === ComponentStatus.Failed ? 'failed' : status === ComponentStatus.Degraded ? 'unhealthy' : 'ready';
    const attempts = s.attempts ?? (s.start !== undefined && s.end !== undefined ? [[s.start, s.end, outcome] as const] : []);
    const history: AttemptRecord[] = attempts.map(([start, end, o], k) => ({
      attempt: k + 1,
      startedAt: epoch + start,
      finishedAt: epoch + end,
      outcome: o,
      ...(o === 'ready' ? {} : { error: s.error ?? 'boom' }),
    }));
    const priority = s.priority ?? s.wave ?? Priority.MEDIUM;
    if (s.end !== undefined && (s.wave ?? priority) < Priority.DEFERRED) lastEnd = Math.max(lastEnd, s.end);
    const component: ComponentReport = {
      name,
      status,
      priority,
      effectivePriority: s.wave ?? priority,
      dependsOn: [...(s.deps ?? []), ...(s.optionalDeps ?? [])],
      optionalDependsOn: [...(s.optionalDeps ?? [])],
      wave: s.wave ?? priority,
      required: s.required ?? true,
      ...(s.start === undefined ? {} : { startedAt: epoch + s.start }),
      ...(s.end === undefined ? {} : { finishedAt: epoch + s.end }),
      ...(s.start === undefined || s.end === undefined ? {} : { loadTimeMs: s.end - s.start }),
      attempts: history.length,
      attemptHistory: history,
      ...(status === ComponentStatus.Failed || status === ComponentStatus.Degraded ? { lastError: s.error ?? 'boom' } : {}),
    };
    // defineProperty, not assignment: a component may be called '__proto__'.
    Object.defineProperty(components, name, { value: component, enumerable: true, writable: true, configurable: true });
  }
  const all = Object.values(components);
  const named = (status: ComponentStatus): string[] => all.filter((c) => c.status === status).map((c) => c.name);
  const finishedAt = epoch + (options.finishedAt ?? lastEnd);
  return {
    formatVersion: 1,
    total: all.length,
    readyCount: named(ComponentStatus.Ready).length,
    degradedCount: named(ComponentStatus.Degraded).length,
    failedCount: named(ComponentStatus.Failed).length,
    totalLoadTimeMs: finishedAt - epoch,
    startedAt: epoch,
    finishedAt,
    schedule: options.schedule ?? 'waves',
    readyComponents: named(ComponentStatus.Ready),
    degradedComponents: named(ComponentStatus.Degraded),
    failedComponents: named(ComponentStatus.Failed),
    components,
  };
}

/** A long chain c0 ← c1 ← … (each depends on the one before), each 1 ms, in one wave. */
export function chainReport(length: number): BootReport {
  const sketches: Record<string, ComponentSketch> = {};
  for (let i = 0; i < length; i++) sketches[`c${i}`] = { wave: Priority.HIGH, start: i, end: i + 1, deps: i === 0 ? [] : [`c${i - 1}`] };
  return makeReport(sketches);
}
