import type { ComponentStatus } from '../component/ComponentStatus.js';
import type { StepTags } from '../component/WarmupContext.js';
import type { AttemptRecord } from '../readiness/AttemptRecord.js';
import type { BootReport } from './BootReport.js';

/**
 * One line of {@link blame}. Times are ms; `startedAtMs` is after the boot started.
 *
 * @example
 * ```ts
 * const [slowest] = blame(report);
 * console.log(`${slowest.durationMs} ms ${slowest.name} (${slowest.attempts} attempts)`);
 * ```
 */
export interface BlameEntry {
  readonly name: string;
  readonly status: ComponentStatus;
  readonly wave: number;
  readonly required: boolean;
  readonly startedAtMs: number;
  /** From leaving the queue to settling, retries and backoff included. */
  readonly durationMs: number;
  readonly attempts: number;
  /** Time spent in attempts that did not count (failed, timed out or unhealthy, then retried). */
  readonly retriedMs: number;
  /** Its slowest step (`ctx.step`) in any attempt, when it recorded steps. */
  readonly slowestStep?: SlowestStep;
}

/**
 * A component's slowest step, in {@link BlameEntry.slowestStep}.
 *
 * @example
 * ```ts
 * const { name, durationMs, attempt } = blame(report)[0].slowestStep ?? {};
 * ```
 */
export interface SlowestStep {
  readonly name: string;
  readonly durationMs: number;
  readonly attempt: number;
  readonly tags?: StepTags;
}

/**
 * The components that loaded, slowest first, like `systemd-analyze blame`, each with its slowest
 * step when it recorded steps. Components that never
 * ran (not loaded, or failed because a dependency failed) are left out. Ties keep the report's order.
 *
 * @example
 * ```ts
 * for (const entry of blame(report).slice(0, 5)) console.log(entry.durationMs, entry.name);
 * ```
 */
export function blame(report: BootReport): BlameEntry[] {
  const entries: BlameEntry[] = [];
  for (const component of Object.values(report.components)) {
    const { startedAt, finishedAt } = component;
    if (startedAt === undefined || finishedAt === undefined) continue;
    let retriedMs = 0;
    const history = component.attemptHistory;
    for (let k = 0; k < history.length - 1; k++) retriedMs += history[k]!.finishedAt - history[k]!.startedAt;
    const entry: BlameEntry = {
      name: component.name,
      status: component.status,
      wave: component.wave,
      required: component.required,
      startedAtMs: startedAt - report.startedAt,
      durationMs: component.loadTimeMs ?? finishedAt - startedAt,
      attempts: component.attempts,
      retriedMs,
    };
    const slowest = slowestStep(history);
    entries.push(slowest === undefined ? entry : { ...entry, slowestStep: slowest });
  }
  // Array.prototype.sort is stable, so equal durations keep the report's (registration) order.
  return entries.sort((a, b) => b.durationMs - a.durationMs);
}

/** The longest step of any attempt (the first of equals), or undefined when there is none. */
function slowestStep(history: readonly AttemptRecord[]): SlowestStep | undefined {
  let best: SlowestStep | undefined;
  for (const a of history) {
    for (const s of a.steps ?? []) {
      const durationMs = s.finishedAt - s.startedAt;
      if (best !== undefined && !(durationMs > best.durationMs)) continue;
      best = s.tags === undefined ? { name: s.name, durationMs, attempt: a.attempt } : { name: s.name, durationMs, attempt: a.attempt, tags: s.tags };
    }
  }
  return best;
}
