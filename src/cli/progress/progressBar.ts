import type { BootProgress } from '../../index.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Paint } from '../Terminal.js';
import { terminalText } from '../format/terminalText.js';

const barWidth = 24;

/**
 * The redrawn progress line: bar, counts, wave, elapsed time, and what is loading, cut to fit the
 * terminal so it never wraps (a wrapped line could not be redrawn in place).
 */
export function progressBar(p: BootProgress, loading: readonly string[], elapsedMs: number, columns: number, paint: Paint): string {
  const filled = p.total === 0 ? barWidth : Math.round((p.settled / p.total) * barWidth);
  const bar = `${paint.green('█'.repeat(filled))}${paint.grey('░'.repeat(barWidth - filled))}`;
  const counts = `${paint.green(`✓${p.ready}`)} ${paint.yellow(`~${p.degraded}`)} ${paint.red(`✗${p.failed}`)}`;
  const countsWidth = `✓${p.ready} ~${p.degraded} ✗${p.failed}`.length;
  const head = ` ${p.settled}/${p.total}  ${p.waveName === 'eager' ? 'eager' : `wave ${p.waveName}`}  ${formatDuration(elapsedMs)}  `;
  const room = columns - 1 - (barWidth + head.length + countsWidth);
  let tail = '';
  if (loading.length > 0 && room > 12) {
    tail = `  loading ${loading.map(terminalText).join(', ')}`;
    if (tail.length > room) tail = `${tail.slice(0, room - 1)}…`;
  }
  if (room < 0) return `${p.settled}/${p.total} ${p.waveName}`.slice(0, Math.max(0, columns - 1));
  return `${bar}${head}${counts}${paint.grey(tail)}`;
}
