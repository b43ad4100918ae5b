import type { AttemptRecord } from '../../readiness/AttemptRecord.js';
import { escapeXml } from './escapeXml.js';
import { formatDuration } from '../formatDuration.js';
import { round, type TimelineLayout } from './timelineLayout.js';

/**
 * An attempt's steps as thin sub-bars inside its bar, from the bottom edge up, one lane per nesting
 * level (a child sits above its parent), each with a `<title>` (name, times, tags, error).
 */
export function drawSteps(out: string[], component: string, a: AttemptRecord, barY: number, geo: TimelineLayout): void {
  const steps = a.steps;
  if (steps === undefined || steps.length === 0) return;
  const lane = Math.max(1, round(geo.barHeight / 4));
  const depth: number[] = [];
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k]!;
    // A parent comes before its children (it started first), so its depth is known already.
    const d = s.parent === undefined ? 0 : (depth[s.parent] ?? 0) + 1;
    depth.push(d);
    const levels = Math.max(1, Math.floor(geo.barHeight / lane));
    const y = round(barY + geo.barHeight - lane * (Math.min(d, levels - 1) + 1));
    const x = geo.x(s.startedAt);
    const w = Math.max(1, round(geo.x(s.finishedAt) - x));
    const tags = s.tags === undefined ? '' : ` · ${Object.entries(s.tags).map(([key, value]) => `${key}=${String(value)}`).join(' ')}`;
    const tip = `${component} · step ${s.name} · @${formatDuration(s.startedAt - geo.t0)} +${formatDuration(s.finishedAt - s.startedAt)}${s.unfinished === true ? ' (unfinished)' : ''}${tags}${s.error === undefined ? '' : ` · ${s.error}`}`;
    const kind = s.error !== undefined ? ' failed' : s.unfinished === true ? ' unfinished' : '';
    out.push(
      `<rect class="step${kind}" x="${x}" y="${y}" width="${w}" height="${lane}" data-component="${escapeXml(component)}" data-attempt="${a.attempt}" data-step="${escapeXml(s.name)}" data-depth="${d}"><title>${escapeXml(clip(tip))}</title></rect>`,
    );
  }
}

function clip(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 399)}…`;
}
