import { PreheatError, ErrorCode } from '../../index.js';
import { criticalChain } from '../../report/criticalChain.js';
import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { formatCriticalChain } from '../format/formatCriticalChain.js';
import { toJson } from '../format/toJson.js';
import { readReport } from '../readReport.js';

/** `preheat analyze critical-chain <report.json> [component]`, like systemd-analyze's. */
export const criticalChainCommand: Command = {
  options: ['json'],
  usage: 'preheat analyze critical-chain <report.json> [component] [--json]',
  async run({ args, options, term, cwd }) {
    if (args.length < 1 || args.length > 2) throw new CliError(CliErrorCode.Usage, `expected a report file and at most one component: ${this.usage}`);
    const [path, component] = args as [string, string | undefined];
    const report = await readReport(path, cwd);
    let chain;
    try {
      chain = criticalChain(report, component);
    } catch (error) {
      if (!(PreheatError.is(error) && error.code === ErrorCode.UnknownComponent)) throw error;
      const names = Object.keys(report.components);
      const some = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
      throw new CliError(CliErrorCode.UnknownComponent, `no component '${component}' in '${path}' (it has: ${some})`, { cause: error });
    }
    term.out.write(`${options.json === true ? toJson(chain, 2) : formatCriticalChain(report, chain, component, term.paint)}\n`);
    return 0;
  },
};
