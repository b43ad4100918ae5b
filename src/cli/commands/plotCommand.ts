import { extname } from 'node:path';
import { renderTimelineHtml } from '../../report/plot/renderTimelineHtml.js';
import { renderTimelineSvg } from '../../report/plot/renderTimelineSvg.js';
import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { terminalText } from '../format/terminalText.js';
import { readReport } from '../readReport.js';
import { writeOutput } from '../writeOutput.js';

/** `preheat analyze plot <report.json> -o boot.svg|boot.html`: the timeline picture. */
export const plotCommand: Command = {
  options: ['output', 'width'],
  usage: 'preheat analyze plot <report.json> [-o boot.svg | -o boot.html] [--width px]',
  async run({ args, options, term, cwd }) {
    if (args.length !== 1) throw new CliError(CliErrorCode.Usage, `expected one report file: ${this.usage}`);
    const width = options.width === undefined ? undefined : Number(options.width);
    if (width !== undefined && !(Number.isInteger(width) && width >= 400)) {
      throw new CliError(CliErrorCode.Usage, `--width must be a whole number of pixels, at least 400 (got '${options.width}')`);
    }
    const output = options.output;
    const ext = output === undefined ? '.svg' : extname(output).toLowerCase();
    if (ext !== '.svg' && ext !== '.html' && ext !== '.htm') {
      throw new CliError(CliErrorCode.Usage, `cannot tell the format of '${output}': name the output file .svg or .html`);
    }
    const report = await readReport(args[0]!, cwd);
    const render = ext === '.svg' ? renderTimelineSvg : renderTimelineHtml;
    const content = render(report, width === undefined ? {} : { width });
    if (output === undefined) {
      term.out.write(content);
      return 0;
    }
    await writeOutput(output, cwd, content);
    term.out.write(`Wrote ${terminalText(output)}: ${Object.keys(report.components).length} components on a ${ext === '.svg' ? 'timeline' : 'timeline page'}\n`);
    return 0;
  },
};
