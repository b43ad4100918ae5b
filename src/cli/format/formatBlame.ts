import type { BlameEntry } from '../../report/blame.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Paint } from '../Terminal.js';
import { terminalText } from './terminalText.js';

/** Like `systemd-analyze blame`: right-aligned time, then the name and what else is worth knowing. */
export function formatBlame(entries: readonly BlameEntry[], paint: Paint): string {
  if (entries.length === 0) return 'No component ran.';
  const times = entries.map((e) => formatDuration(e.durationMs));
  const width = times.reduce((w, t) => Math.max(w, t.length), 0);
  return entries
    .map((e, k) => {
      const notes: string[] = [];
      if (e.attempts > 1) notes.push(`${e.attempts} attempts, ${formatDuration(e.retriedMs)} in retried ones`);
      if (e.status === 'degraded') notes.push(paint.yellow('degraded'));
      if (e.status === 'failed') notes.push(paint.red('failed'));
      if (!e.required) notes.push('optional');
      if (e.slowestStep !== undefined) notes.push(`slowest step: ${terminalText(e.slowestStep.name)} ${formatDuration(e.slowestStep.durationMs)}`);
      return `${times[k]!.padStart(width)} ${terminalText(e.name)}${notes.length > 0 ? ` ${paint.grey('(')}${notes.join(paint.grey(', '))}${paint.grey(')')}` : ''}`;
    })
    .join('\n');
}
