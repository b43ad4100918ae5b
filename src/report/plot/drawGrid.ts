import { priorityName } from '../../component/Priority.js';
import type { BootReport, ComponentReport } from '../BootReport.js';
import { escapeXml } from './escapeXml.js';
import { formatDuration } from '../formatDuration.js';
import { laneHeight, round, type TimelineLayout } from './timelineLayout.js';
import { waveColour } from './timelineStyle.js';
import { timeTicks } from './timeTicks.js';
import type { WaveSpan } from '../waveSpans.js';

/** Alternating background per wave group, and the wave's colour strip in the label column. */
export function drawBands(out: string[], rows: readonly ComponentReport[], geo: TimelineLayout): void {
  let group = 0;
  for (let first = 0; first < rows.length; group++) {
    const wave = rows[first]!.wave;
    let last = first;
    while (last + 1 < rows.length && rows[last + 1]!.wave === wave) last++;
    const y = geo.rowsTop + first * geo.rowHeight;
    const h = (last - first + 1) * geo.rowHeight;
    out.push(
      `<rect class="${group % 2 === 0 ? 'band-even' : 'band-odd'}" x="${geo.labelLeft}" y="${y}" width="${geo.plotRight - geo.labelLeft}" height="${h}"/>`,
      `<rect x="${geo.labelLeft}" y="${y}" width="4" height="${h}" fill="${waveColour[wave] ?? '#e0e0e0'}"><title>wave ${escapeXml(priorityName(wave))}</title></rect>`,
    );
    first = last + 1;
  }
}

export function drawAxis(out: string[], rowCount: number, geo: TimelineLayout): void {
  const range = geo.t1 - geo.t0;
  const bottom = geo.rowsTop + rowCount * geo.rowHeight;
  out.push('<g class="tick">');
  for (const tick of timeTicks(range, Math.max(2, Math.floor((geo.plotRight - geo.plotLeft) / 110)))) {
    const x = geo.x(geo.t0 + tick);
    out.push(
      `<line x1="${x}" y1="${geo.axisY + 4}" x2="${x}" y2="${bottom}"/>`,
      `<text x="${x}" y="${geo.axisY}" text-anchor="middle">${escapeXml(formatDuration(tick))}</text>`,
    );
  }
  out.push('</g>');
}

/** The wave ruler, and (when waves run one after another) a dashed line where each wave starts. */
export function drawWaves(out: string[], report: BootReport, spans: readonly WaveSpan[], rowCount: number, geo: TimelineLayout): void {
  const bottom = geo.rowsTop + rowCount * geo.rowHeight;
  spans.forEach((span, k) => {
    const lane = report.schedule === 'waves' ? 0 : k;
    const x1 = geo.x(span.start);
    const w = Math.max(1, round(geo.x(span.end) - x1));
    const y = geo.rulerTop + lane * laneHeight;
    const name = priorityName(span.wave);
    const tip = `wave ${name}: ${span.count} components, @${formatDuration(span.start - report.startedAt)} for ${formatDuration(span.end - span.start)}`;
    out.push(`<rect class="wave-span" x="${x1}" y="${y}" width="${w}" height="${laneHeight - 4}" rx="3"><title>${escapeXml(tip)}</title></rect>`);
    if (w >= name.length * 7 + 6) out.push(`<text class="wave-name" x="${round(x1 + w / 2)}" y="${y + 11}" text-anchor="middle">${name}</text>`);
    if (report.schedule === 'waves' && k > 0) out.push(`<line class="wave-line" x1="${x1}" y1="${y}" x2="${x1}" y2="${bottom}"/>`);
  });
}
