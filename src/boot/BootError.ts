import type { BootReport } from '../report/BootReport.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';

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
    super(`Boot failed: ${failedRequired.length} required component(s) failed\n${summarise(report, failedRequired)}`, {
      component: failedRequired[0],
      cause,
      hint: "see err.report; mark components that the service can run without as 'required: false'.",
    });
    this.report = report;
    this.failedRequired = failedRequired;
  }
}

const maxLines = 20;

/** Root failures first, then what they took down; long lists are cut (the report has them all). */
function summarise(report: BootReport, failed: readonly string[]): string {
  const roots: string[] = [];
  const downstream: string[] = [];
  for (const name of failed) {
    const component = report.components[name];
    const line = `  - ${name}: ${component?.lastError ?? 'failed'}`;
    (component?.errorCode === ErrorCode.DependencyFailed ? downstream : roots).push(line);
  }
  const lines = [...roots, ...downstream];
  if (lines.length <= maxLines) return lines.join('\n');
  return [...lines.slice(0, maxLines), `  … and ${lines.length - maxLines} more (see err.report)`].join('\n');
}
