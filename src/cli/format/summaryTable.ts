import { ComponentStatus, Priority, priorityName, type BootReport, type ComponentReport } from '../../index.js';
import { orderRows } from '../../report/orderRows.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Paint } from '../Terminal.js';
import { shortReason } from './shortReason.js';
import { paintStatus } from './statusMark.js';
import { terminalText } from './terminalText.js';
import { renderTable } from './table.js';

/** The table printed after a boot: one row per component, in wave and start order. */
export function summaryTable(report: BootReport, paint: Paint): string {
  const ordered = orderRows(report);
  const learned = new Set((report.learned?.adjustments ?? []).map((a) => a.name));
  const rows = ordered.map((c) => {
    const ran = c.startedAt !== undefined;
    const name = terminalText(c.name);
    return [
      c.required ? name : `${name} ${paint.grey('(optional)')}`,
      priorityName(c.priority),
      learned.has(c.name) ? `${priorityName(c.wave)}†` : c.wave === c.priority ? priorityName(c.wave) : `${priorityName(c.wave)}*`,
      paintStatus(c.status, paint),
      String(c.attempts),
      ran ? `@${formatDuration(c.startedAt - report.startedAt)}` : '-',
      c.loadTimeMs === undefined ? '-' : formatDuration(c.loadTimeMs),
      note(c),
    ];
  });
  const columns = [
    { heading: 'COMPONENT' },
    { heading: 'PRIORITY' },
    { heading: 'WAVE' },
    { heading: 'STATUS' },
    { heading: 'ATTEMPTS', align: 'right' as const },
    { heading: 'STARTED', align: 'right' as const },
    { heading: 'LOAD TIME', align: 'right' as const },
    { heading: 'NOTE' },
  ];
  const promoted = ordered.some((c) => c.wave !== c.priority && !learned.has(c.name));
  let footnote = promoted ? `\n  ${paint.grey('* loads in an earlier wave than its priority: a more urgent component depends on it')}` : '';
  if (learned.size > 0) footnote += `\n  ${paint.grey('† moved by what earlier boots taught (preheat analyze learned)')}`;
  return renderTable(columns, rows) + footnote;
}

function note(c: ComponentReport): string {
  if (c.status === ComponentStatus.Pending) return c.wave >= Priority.DEFERRED ? 'deferred: loads on first use' : 'not loaded';
  if (c.status === ComponentStatus.Skipped) return terminalText(c.skipReason ?? 'disabled');
  if (c.lastError === undefined) return '';
  const line = terminalText(shortReason(c.lastError, c.name));
  return line.length <= 60 ? line : `${line.slice(0, 59)}…`;
}

/** One line: how the boot went. */
export function summaryLine(report: BootReport, failedRequired: readonly string[], paint: Paint): string {
  const optionalFailed = report.failedComponents.length - failedRequired.length;
  const skipped = report.skippedCount ?? 0;
  const notLoaded = report.total - report.readyCount - report.degradedCount - report.failedCount - skipped;
  const parts = [
    paint.green(`${report.readyCount} ready`),
    ...(report.degradedCount > 0 ? [paint.yellow(`${report.degradedCount} degraded`)] : []),
    ...(report.failedCount > 0 ? [paint.red(`${report.failedCount} failed`) + (optionalFailed === report.failedCount ? ' (optional)' : '')] : []),
    ...(notLoaded > 0 ? [`${notLoaded} not loaded`] : []),
    ...(skipped > 0 ? [paint.grey(`${skipped} skipped`)] : []),
  ];
  const time = formatDuration(report.totalLoadTimeMs);
  if (failedRequired.length > 0) {
    return `${paint.red(paint.bold('Boot failed'))} after ${time}: ${parts.join(', ')}; required: ${failedRequired.map(terminalText).join(', ')}`;
  }
  return `${paint.bold('Boot finished')} in ${time}: ${parts.join(', ')}`;
}
