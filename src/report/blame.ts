import type { ComponentStatus } from '../component/ComponentStatus.js';
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
}

/**
 * The components that loaded, slowest first, like `systemd-analyze blame`. Components that never
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
    entries.push({
      name: component.name,
      status: component.status,
      wave: component.wave,
      required: component.required,
      startedAtMs: startedAt - report.startedAt,
      durationMs: component.loadTimeMs ?? finishedAt - startedAt,
      attempts: component.attempts,
      retriedMs,
    });
  }
  // Array.prototype.sort is stable, so equal durations keep the report's (registration) order.
  return entries.sort((a, b) => b.durationMs - a.durationMs);
}
