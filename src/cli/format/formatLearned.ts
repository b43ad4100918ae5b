import type { LearnedReport } from '../../adaptive/LearnedReport.js';
import type { Paint } from '../Terminal.js';
import { terminalText } from './terminalText.js';

/** What a boot learned from the earlier ones, for the terminal: adjustments with reasons, then the rest. */
export function formatLearned(learned: LearnedReport | undefined, paint: Paint): string {
  if (learned === undefined) return 'This boot had no profile (WarmupOptions.profile): nothing learned.';
  const lines: string[] = [];
  lines.push(learned.profileBoots === 0 ? 'No usable profile yet: this boot records one.' : `From a profile of ${learned.profileBoots} earlier boot${learned.profileBoots === 1 ? '' : 's'}:`);
  if (learned.adjustments.length === 0 && learned.profileBoots > 0) lines.push('  priorities: as declared');
  for (const a of learned.adjustments) {
    lines.push(`  ${terminalText(a.name)}: ${a.from} → ${paint.bold(a.to)} ${paint.grey(`(${terminalText(a.reason)})`)}`);
  }
  if (learned.durationAware) lines.push('  load order: longest remaining path first (learned load times)');
  for (const p of learned.predictions) {
    const used = p.used === undefined ? '' : `; used ${p.used.map(terminalText).join(', ') || 'nothing'}`;
    lines.push(`  prepare('${terminalText(p.kind)}'): preloaded ${p.preloaded.map(terminalText).join(', ') || 'nothing'}${p.prepared.length > 0 ? `, prepared ${p.prepared.map(terminalText).join(', ')}` : ''}${used}`);
  }
  for (const w of learned.warnings) lines.push(`  ${paint.yellow('warning')}: ${terminalText(w)}`);
  return lines.join('\n');
}
