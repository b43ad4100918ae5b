import { blame } from '../../report/blame.js';
import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { formatBlame } from '../format/formatBlame.js';
import { toJson } from '../format/toJson.js';
import { readReport } from '../readReport.js';

/** `preheat analyze blame <report.json>`: slowest components first. */
export const blameCommand: Command = {
  options: ['json'],
  usage: 'preheat analyze blame <report.json> [--json]',
  async run({ args, options, term, cwd }) {
    if (args.length !== 1) throw new CliError(CliErrorCode.Usage, `expected one report file: ${this.usage}`);
    const entries = blame(await readReport(args[0]!, cwd));
    term.out.write(`${options.json === true ? toJson(entries, 2) : formatBlame(entries, term.paint)}\n`);
    return 0;
  },
};
