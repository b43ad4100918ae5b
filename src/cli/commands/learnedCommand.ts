import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { formatLearned } from '../format/formatLearned.js';
import { toJson } from '../format/toJson.js';
import { readReport } from '../readReport.js';

/** `preheat analyze learned <report.json>`: the priorities the profile changed, and why. */
export const learnedCommand: Command = {
  options: ['json'],
  usage: 'preheat analyze learned <report.json> [--json]',
  async run({ args, options, term, cwd }) {
    if (args.length !== 1) throw new CliError(CliErrorCode.Usage, `expected one report file: ${this.usage}`);
    const { learned } = await readReport(args[0]!, cwd);
    term.out.write(`${options.json === true ? toJson(learned ?? null, 2) : formatLearned(learned, term.paint)}\n`);
    return 0;
  },
};
