import { toTraceEvents } from '../../report/traceEvents.js';
import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { terminalText } from '../format/terminalText.js';
import { toJson } from '../format/toJson.js';
import { readReport } from '../readReport.js';
import { writeOutput } from '../writeOutput.js';

/** `preheat analyze trace <report.json> -o trace.json`: Chrome trace-event JSON. */
export const traceCommand: Command = {
  options: ['output'],
  usage: 'preheat analyze trace <report.json> [-o trace.json]',
  async run({ args, options, term, cwd }) {
    if (args.length !== 1) throw new CliError(CliErrorCode.Usage, `expected one report file: ${this.usage}`);
    const trace = toTraceEvents(await readReport(args[0]!, cwd));
    const json = `${toJson(trace)}\n`;
    if (options.output === undefined) {
      term.out.write(json);
      return 0;
    }
    await writeOutput(options.output, cwd, json);
    term.out.write(`Wrote ${terminalText(options.output)}: ${trace.traceEvents.length} trace events; open it in https://ui.perfetto.dev or chrome://tracing\n`);
    return 0;
  },
};
