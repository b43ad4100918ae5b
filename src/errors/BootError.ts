import type { BootReport } from '../report/BootReport.js';
import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * `boot()` finished but at least one required component failed. `report` is the full report;
 * the message names each failed required component and its cause.
 *
 * @example
 * ```ts
 * try { await warmup.boot(); } catch (err) {
 *   if (err instanceof BootError) console.table(err.report.components);
 * }
 * ```
 */
export class BootError extends PreheatError {
  readonly code = ErrorCode.BootFailed;
  /** The full boot report. */
  readonly report: BootReport;
  /** Names of the required components that failed. */
  readonly failedRequired: readonly string[];

  constructor(report: BootReport, failedRequired: readonly string[], cause?: unknown) {
    const lines = failedRequired.map((name) => `  - ${name}: ${report.components[name]?.lastError ?? 'failed'}`);
    super(`Boot failed: ${failedRequired.length} required component(s) failed\n${lines.join('\n')}`, {
      component: failedRequired[0],
      cause,
      hint: "see err.report; mark components that the service can run without as 'required: false'.",
    });
    this.report = report;
    this.failedRequired = failedRequired;
  }
}
