import { ErrorCode } from '../../index.js';
import { CliError, CliErrorCode } from '../CliError.js';
import { bootWithProgress, shutdownQuietly } from '../bootWithProgress.js';
import type { Command } from '../CommandContext.js';
import { summaryLine, summaryTable } from '../format/summaryTable.js';
import { terminalText } from '../format/terminalText.js';
import { toJson } from '../format/toJson.js';
import { loadWarmup } from '../loadWarmup.js';
import { writeOutput } from '../writeOutput.js';

/** `preheat boot <module>`: boot what a module exports, with live progress, then the summary. */
export const bootCommand: Command = {
  options: ['report', 'quiet', 'json'],
  usage: 'preheat boot <module> [--report file.json] [--quiet] [--json]',
  async run({ args, options, term, cwd }) {
    const [specifier, ...extra] = args;
    if (specifier === undefined || extra.length > 0) {
      throw new CliError(CliErrorCode.Usage, `expected one module, got ${args.length}: ${this.usage}`);
    }
    const { warmup, how } = await loadWarmup(specifier, cwd);
    const { quiet = false, json = false, verbose = false } = options;
    const info = json ? term.err : term.out;
    if (verbose) info.write(`Booting ${terminalText(how)} of ${terminalText(specifier)}\n`);
    const mode = json || quiet ? 'off' : term.tty ? 'bar' : 'lines';
    const { report, failedRequired } = await bootWithProgress(warmup, term, mode, verbose);
    await shutdownQuietly(warmup);
    const written = options.report === undefined ? undefined : await writeOutput(options.report, cwd, `${toJson(report, 2)}\n`);
    const { paint } = term;
    if (json) {
      term.out.write(`${toJson(report, 2)}\n`);
      if (failedRequired.length > 0) term.err.write(`preheat: ${ErrorCode.BootFailed}: boot failed: required component(s) failed: ${failedRequired.map(terminalText).join(', ')}\n`);
    } else if (quiet) {
      term.out.write(`${summaryLine(report, failedRequired, paint)}\n`);
    } else {
      term.out.write(`\n${summaryTable(report, paint)}\n\n${summaryLine(report, failedRequired, paint)}\n`);
      if (options.report !== undefined) {
        const path = terminalText(options.report);
        term.out.write(`Report written to ${path}; try: preheat analyze critical-chain ${path}\n`);
      }
    }
    if (verbose && written !== undefined) info.write(`(${terminalText(written)})\n`);
    return failedRequired.length > 0 ? 1 : 0;
  },
};
