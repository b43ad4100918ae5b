import type { LearnedReport } from '../adaptive/LearnedReport.js';
import type { ComponentStatus } from '../component/ComponentStatus.js';
import type { Priority } from '../component/Priority.js';
import type { OperatingMode } from '../health/OperatingMode.js';
import type { HealthScore } from '../lifecycle/MonitorOptions.js';
import type { AttemptRecord } from '../readiness/AttemptRecord.js';

/**
 * One component in a {@link BootReport}. Times are from the Warmup's clock (ms since the epoch).
 *
 * @example
 * ```ts
 * const db = report.components.db;
 * console.log(db.status, db.attempts, db.loadTimeMs, db.lastError);
 * ```
 */
export interface ComponentReport {
  readonly name: string;
  readonly status: ComponentStatus;
  readonly priority: Priority;
  /** After priority inversion: the most urgent of its own and its dependents'. */
  readonly effectivePriority: Priority;
  /** Names of its dependencies (all edges). */
  readonly dependsOn: string[];
  /** Names of the dependencies whose failure does not propagate. */
  readonly optionalDependsOn: string[];
  /** The wave it loaded in (its effective priority); DEFERRED for on-demand ones. */
  readonly wave: number;
  readonly required: boolean;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** finishedAt − startedAt: time from leaving the queue to settling, retries included. */
  readonly loadTimeMs?: number;
  readonly attempts: number;
  /** Every attempt, with its start, end and outcome. */
  readonly attemptHistory: AttemptRecord[];
  readonly lastError?: string;
  /** Error code of the last error (e.g. `PREHEAT_TIMEOUT`). */
  readonly errorCode?: string;
  /** Rolling health from the runtime monitor, once it has checked the component. */
  readonly health?: HealthScore;
  /** The last health result's score (weighted mean of its checks, 0..1), once checked. */
  readonly score?: number;
  /** The operating mode that score put it in (with hysteresis), once checked. */
  readonly mode?: OperatingMode;
  /** Its health tags (`health.tags`), when it has any. */
  readonly tags?: readonly string[];
  /**
   * Attempts that timed out or were cancelled while their work, which ignores its AbortSignal,
   * still runs (see `abandoned` on their records). Present only when there is one.
   */
  readonly abandonedRunning?: number;
  /** Why it was skipped (status `skipped`: its `enabled` option turned it off). */
  readonly skipReason?: string;
}

/**
 * The version of the report's shape that this preheat writes and reads (`BootReport.formatVersion`).
 *
 * @example
 * ```ts
 * if (saved.formatVersion !== bootReportFormatVersion) console.warn('written by another preheat');
 * ```
 */
export const bootReportFormatVersion = 1;

/**
 * What `boot()` resolves with (and `BootError.report` carries).
 *
 * @example
 * ```ts
 * const report = await warmup.boot();
 * console.log(`${report.readyCount}/${report.total} ready in ${report.totalLoadTimeMs} ms`);
 * ```
 */
export interface BootReport {
  /**
   * Version of this shape, so a saved report (`JSON.stringify(report)`, `preheat boot --report`) is
   * read only by a preheat that understands it: `isBootReport` refuses a missing or different one.
   * It goes up when a field is removed or changes meaning, not when an optional field is added.
   * Currently `1`.
   */
  readonly formatVersion: typeof bootReportFormatVersion;
  readonly total: number;
  readonly readyCount: number;
  readonly degradedCount: number;
  readonly failedCount: number;
  /** Wall time of the boot, ms. */
  readonly totalLoadTimeMs: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly schedule: 'waves' | 'eager';
  readonly readyComponents: string[];
  readonly degradedComponents: string[];
  readonly failedComponents: string[];
  /**
   * Components disabled by their `enabled` option (status `skipped`): neither ready nor failed, and
   * not counted in the boot's progress. Absent in reports written before preheat knew of them.
   */
  readonly skippedCount?: number;
  readonly skippedComponents?: string[];
  /** Every registered component, keyed by name. */
  readonly components: Record<string, ComponentReport>;
  /** What the boot learned from earlier boots and used (present with `WarmupOptions.profile`). */
  readonly learned?: LearnedReport;
  /** Time the `prime()` hooks took after the last wave, before `ready`, ms (present when one ran). */
  readonly primeMs?: number;
  /** Components restored from a snapshot instead of warmed up in full (present with `WarmupOptions.cache`). */
  readonly restoredComponents?: string[];
}
