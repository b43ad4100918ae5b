import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BootReport } from '../index.js';
import { bootReportProblem, formatVersionProblem } from '../report/isBootReport.js';
import { CliError, CliErrorCode, oneLine } from './CliError.js';

/**
 * Reads and checks a report written by `preheat boot --report` (or `JSON.stringify(report)`); a
 * relative path is resolved against `cwd`, as the other commands' paths are.
 */
export async function readReport(path: string, cwd: string): Promise<BootReport> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : oneLine(error);
    throw new CliError(CliErrorCode.NoSuchFile, `cannot read report '${path}': ${why} (write one with: preheat boot <module> --report ${path})`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(CliErrorCode.NotJson, `'${path}' is not JSON: ${oneLine(error)}`, { cause: error });
  }
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
