import { join, relative } from 'node:path';
import { criticalChain } from '../../report/criticalChain.js';
import { renderTimelineSvg } from '../../report/plot/renderTimelineSvg.js';
import { formatDuration } from '../../report/formatDuration.js';
import { formatCriticalChain } from '../format/formatCriticalChain.js';
import { summaryLine, summaryTable } from '../format/summaryTable.js';
import { terminalText } from '../format/terminalText.js';
import { toJson } from '../format/toJson.js';
import { watchBoot } from '../progress/watchBoot.js';
import type { Terminal } from '../Terminal.js';
import { writeOutput } from '../writeOutput.js';
import { createAssistant } from './assistant.js';
import { adaptiveOptions, learnedSection, predictionLine, serveCommands } from './learnedSection.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly term: Terminal;
  readonly cwd: string;
  /** Folder for boot-report.json and boot-timeline.svg. Default: `cwd`. */
  readonly out?: string | undefined;
  readonly verbose?: boolean | undefined;
  /** Folder of the learned profile and snapshots. Default: `<out>/.preheat`. */
  readonly profile?: string | undefined;
}

/**
 * The demo, top to bottom: boot the simulated assistant with live progress, serve its first
 * command by loading the DEFERRED model on demand, print the summary and the critical chain,
 * write the report and the timeline, shut down.
 */
export async function runDemo({ term, cwd, out = '.', verbose = false, profile }: DemoOptions): Promise<number> {
  const { paint } = term;
  const warmup = createAssistant(adaptiveOptions(profile ?? join(out, '.preheat'), cwd));
  term.out.write(`${paint.bold('preheat demo')}: booting a simulated voice assistant (16 components: one DEFERRED, one disabled)\n\n`);
  const stop = watchBoot(warmup, term, term.tty ? 'bar' : 'lines', verbose);
  let bootReport;
  try {
    bootReport = await warmup.boot();
    stop();
    term.out.write(`\n${summaryLine(bootReport, [], paint)}; accepting commands.\n\n`);
    term.out.write(`${learnedSection(bootReport, paint)}\n`);
    term.out.write(predictionLine(warmup.prepare('vision'), paint));
    term.out.write(`${paint.cyan('▸')} served ${await serveCommands(warmup)} quick commands (the profile records what each one uses)\n`);
    term.out.write(`${paint.cyan('▸ first command')} "what's on my screen?" needs large_ml_model (DEFERRED): loading it on first use\n`);
    const started = Date.now();
    await warmup.track('vision', () => warmup.getAsync('large_ml_model'));
    term.out.write(`  ${paint.green('✓')} large_ml_model loaded in ${formatDuration(Date.now() - started)}\n`);
  } finally {
    stop();
  }
  const report = warmup.report();
  term.out.write(`\n${summaryTable(report, paint)}\n\n${paint.bold('Critical chain')}\n${formatCriticalChain(report, criticalChain(report), undefined, paint)}\n\n`);
  const reportPath = await writeOutput(join(out, 'boot-report.json'), cwd, `${toJson(report, 2)}\n`);
  const svgPath = await writeOutput(join(out, 'boot-timeline.svg'), cwd, renderTimelineSvg(report, { title: 'preheat demo: voice assistant boot' }));
  const shown = (path: string): string => terminalText(relative(cwd, path) || path);
  term.out.write(`Wrote ${shown(reportPath)} and ${shown(svgPath)} (open the SVG in a browser).\n`);
  term.out.write(paint.grey(`Next: npx preheat analyze blame ${shown(reportPath)}   (also: critical-chain, plot -o boot.html, trace -o trace.json)\n`));
  await warmup.shutdown();
  return 0;
}
