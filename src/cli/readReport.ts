import type { BootReport } from '../index.js';
import { bootReportProblem, formatVersionProblem } from '../report/isBootReport.js';
import { CliError, CliErrorCode } from './CliError.js';
import { readJsonFile } from './readJsonFile.js';

/**
 * Reads and checks a report written by `preheat boot --report` (or `JSON.stringify(report)`); a
 * relative path is resolved against `cwd`, as the other commands' paths are.
 */
export async function readReport(path: string, cwd: string): Promise<BootReport> {
  const parsed = await readJsonFile(path, cwd, { what: 'report', whenMissing: ` (write one with: preheat boot <module> --report ${path})` });
  const problem = bootReportProblem(parsed);
  if (problem === undefined) return parsed as BootReport;
  if (problem === formatVersionProblem(parsed as Record<string, unknown>)) {
    throw new CliError(
      CliErrorCode.ReportVersion,
      `'${path}' is a boot report this preheat cannot read: ${problem} (write it again with this preheat's 'preheat boot <module> --report', or read it with the preheat that wrote it)`,
    );
  }
  throw new CliError(CliErrorCode.NotAReport, `'${path}' is not a preheat boot report: ${problem}`);
}
