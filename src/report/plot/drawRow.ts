import { Priority, priorityName } from '../../component/Priority.js';
import type { ComponentReport } from '../BootReport.js';
import { attemptKind } from './attemptKind.js';
import { drawSteps } from './drawSteps.js';
import { escapeXml } from './escapeXml.js';
import { formatDuration } from '../formatDuration.js';
import { fitLabel, round, type TimelineLayout } from './timelineLayout.js';

/** One component's row: label, a bar per attempt with its steps inside (backoff dotted between), a ✕ if it never ran, its time. */
export function drawRow(out: string[], c: ComponentReport, i: number, critical: boolean, geo: TimelineLayout): void {
  const top = geo.rowsTop + i * geo.rowHeight;
  const mid = round(top + geo.rowHeight / 2);
  const barY = round(top + (geo.rowHeight - geo.barHeight) / 2);
  const crit = critical ? ' crit' : '';
  if (critical) out.push(`<rect class="crit-row" x="${geo.plotLeft}" y="${top}" width="${geo.plotRight - geo.plotLeft}" height="${geo.rowHeight}"/>`);
  if (geo.showLabels) {
    out.push(`<text class="label${crit}" x="${geo.labelRight}" y="${mid}" dy="0.35em" text-anchor="end">${escapeXml(fitLabel(c.name))}<title>${escapeXml(rowTip(c))}</title></text>`);
  }
  const history = c.attemptHistory;
  for (let k = 0; k < history.length; k++) {
    const a = history[k]!;
    const x = geo.x(a.startedAt);
    const w = Math.max(1, round(geo.x(a.finishedAt) - x));
    const tip = `${c.name} · attempt ${a.attempt}/${history.length} · ${a.outcome} · @${formatDuration(a.startedAt - geo.t0)} +${formatDuration(a.finishedAt - a.startedAt)}${a.error === undefined ? '' : ` · ${a.error}`}`;
    out.push(
      `<rect class="bar ${attemptKind(a, k === history.length - 1)}${crit}" x="${x}" y="${barY}" width="${w}" height="${geo.barHeight}" rx="${geo.barHeight >= 6 ? 2 : 0}" data-component="${escapeXml(c.name)}" data-attempt="${a.attempt}"><title>${escapeXml(clip(tip))}</title></rect>`,
    );
    drawSteps(out, c.name, a, barY, geo);
    const next = history[k + 1];
    if (next !== undefined && geo.x(next.startedAt) > x + w + 1) out.push(`<line class="backoff" x1="${x + w}" y1="${mid}" x2="${geo.x(next.startedAt)}" y2="${mid}"/>`);
  }
  if (c.finishedAt === undefined) {
    const why = c.skipReason !== undefined ? `skipped: ${c.skipReason}` : `not loaded (${c.wave >= Priority.DEFERRED ? 'deferred: loads on first use' : c.status})`;
    if (geo.showLabels) out.push(`<text class="note" x="${geo.plotLeft + 4}" y="${mid}" dy="0.35em">${escapeXml(clip(why))}</text>`);
    return;
  }
  const end = geo.x(c.finishedAt);
  if (history.length === 0) {
    const s = Math.max(1.5, Math.min(4, geo.barHeight / 2));
    out.push(`<path class="skip" d="M${end - s} ${mid - s}L${end + s} ${mid + s}M${end + s} ${mid - s}L${end - s} ${mid + s}"><title>${escapeXml(clip(`${c.name} · not run · ${c.lastError ?? c.status}`))}</title></path>`);
  }
  if (geo.showLabels) {
    const notes = [...(c.wave >= Priority.DEFERRED ? ['deferred, loaded on demand'] : []), ...(history.length > 1 ? [`${history.length} attempts`] : []), ...(c.status === 'ready' ? [] : [c.status]), ...(c.required ? [] : ['optional'])];
    const text = `${history.length === 0 ? 'not run' : `+${formatDuration(c.loadTimeMs ?? 0)}`}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    // 10 px text is about 5.6 px a character; a label that would run off the right edge goes left of the bars.
    const fitsRight = end + 6 + text.length * 5.6 <= geo.width - 4;
    const left = geo.x(history[0]?.startedAt ?? c.finishedAt) - 6;
    out.push(`<text class="dur" x="${round(fitsRight ? end + 6 : left)}" y="${mid}" dy="0.35em"${fitsRight ? '' : ' text-anchor="end"'}>${escapeXml(text)}</text>`);
  }
}

function rowTip(c: ComponentReport): string {
  const parts = [`${c.name}`, `${c.status}`, `priority ${priorityName(c.priority)}`, `wave ${priorityName(c.wave)}`, c.required ? 'required' : 'optional'];
  if (c.dependsOn.length > 0) parts.push(`depends on ${c.dependsOn.join(', ')}`);
  if (c.lastError !== undefined) parts.push(c.lastError);
  return clip(parts.join(' · '));
}


function clip(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 399)}…`;
}
