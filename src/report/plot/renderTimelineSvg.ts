import type { BootReport } from '../BootReport.js';
import { criticalChain, type CriticalChainLink } from '../criticalChain.js';
import { drawAxis, drawBands, drawWaves } from './drawGrid.js';
import { drawLegend } from './drawLegend.js';
import { drawRow } from './drawRow.js';
import { escapeXml } from './escapeXml.js';
import { formatDuration } from '../formatDuration.js';
import { orderRows } from '../orderRows.js';
import { pad, round, timelineLayout, type TimelineLayout } from './timelineLayout.js';
import { timelineCss } from './timelineStyle.js';
import { waveSpans } from '../waveSpans.js';

/**
 * Options of {@link renderTimelineSvg}.
 *
 * @example
 * ```ts
 * renderTimelineSvg(report, { width: 1600, criticalChainOf: 'api' });
 * ```
 */
export interface TimelineOptions {
  /** Width of the picture, px. Default 1200. */
  readonly width?: number;
  /** Height of one row, px. Default 22 up to 40 components, then smaller (down to 5) so 500 still fit on a few screens. */
  readonly rowHeight?: number;
  /** Component names beside the rows. Default: when rows are at least 10 px high. */
  readonly labels?: boolean;
  /** Heading. Default `'preheat boot timeline'`. */
  readonly title?: string;
  /** Highlight the critical chain of this component instead of the whole boot's. */
  readonly criticalChainOf?: string;
}

/**
 * The boot as a standalone SVG timeline, like `systemd-analyze plot`: one row per component (by
 * wave, then start), one bar per attempt coloured by outcome (ready, degraded, failed, or grey
 * stripes for an attempt that was retried), the waves on a ruler above a time axis with a dashed
 * line where each starts, the critical chain highlighted and linked, and a legend. Every bar has a
 * `<title>`, so hovering it in a browser shows the details.
 *
 * @example
 * ```ts
 * await writeFile('boot.svg', renderTimelineSvg(await warmup.boot()));
 * ```
 */
export function renderTimelineSvg(report: BootReport, options: TimelineOptions = {}): string {
  const { width = 1200, rowHeight, labels, title = 'preheat boot timeline', criticalChainOf } = options;
  const rows = orderRows(report);
  const spans = waveSpans(report);
  const rulerLanes = report.schedule === 'waves' ? 1 : Math.max(1, spans.length);
  const geo = timelineLayout(report, rows, { width, rowHeight, labels, rulerLanes });
  const chain = criticalChain(report, criticalChainOf);
  const onChain = new Set(chain.map((link) => link.name));
  const rowOf = new Map(rows.map((row, i) => [row.name, i]));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${geo.width}" height="${geo.height}" viewBox="0 0 ${geo.width} ${geo.height}" font-size="${geo.fontSize}">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs>',
    `<style>${timelineCss}</style>`,
    '<pattern id="retried-stripes" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">',
    '<rect width="6" height="6" fill="#bdbdbd"/><rect width="3" height="6" fill="#8a8a8a"/>',
    '</pattern>',
    '</defs>',
    `<rect width="${geo.width}" height="${geo.height}" fill="#ffffff"/>`,
    `<text class="title" x="${pad}" y="26">${escapeXml(title)}</text>`,
    `<text class="subtitle" x="${pad}" y="46">${escapeXml(subtitle(report))}</text>`,
  ];
  drawLegend(out, pad, 66);
  drawBands(out, rows, geo);
  drawAxis(out, rows.length, geo);
  drawWaves(out, report, spans, rows.length, geo);
  for (let i = 0; i < rows.length; i++) drawRow(out, rows[i]!, i, onChain.has(rows[i]!.name), geo);
  drawChainLinks(out, chain, rowOf, report, geo);
  const bootEnd = geo.x(report.finishedAt);
  const bootLabel = `boot finished ${formatDuration(report.totalLoadTimeMs)}`;
  const half = bootLabel.length * 3.4; // the label stays inside the picture when the boot ends at an edge
  const labelX = round(Math.min(geo.width - pad - half, Math.max(geo.plotLeft + half, bootEnd)));
  out.push(
    `<line class="boot-end" x1="${bootEnd}" y1="${geo.axisY + 4}" x2="${bootEnd}" y2="${geo.rowsTop + rows.length * geo.rowHeight}"/>`,
    `<text class="boot-end-label" x="${labelX}" y="${geo.rowsTop + rows.length * geo.rowHeight + 14}" text-anchor="middle">${escapeXml(bootLabel)}</text>`,
    `<text class="footer" x="${pad}" y="${geo.footerY}">${escapeXml(footer(chain, geo))}</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

function subtitle(report: BootReport): string {
  const skipped = report.skippedCount ?? 0;
  const notLoaded = Object.values(report.components).filter((c) => c.finishedAt === undefined).length - skipped;
  return [
    `${report.total} components`,
    `${report.readyCount} ready`,
    `${report.degradedCount} degraded`,
    `${report.failedCount} failed`,
    ...(notLoaded > 0 ? [`${notLoaded} not loaded`] : []),
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
    `boot ${formatDuration(report.totalLoadTimeMs)}`,
    `schedule ${report.schedule}`,
  ].join(' · ');
}

/** Elbow connectors from each link's end to the start of the link that waited for it. */
function drawChainLinks(out: string[], chain: readonly CriticalChainLink[], rowOf: ReadonlyMap<string, number>, report: BootReport, geo: TimelineLayout): void {
  const mid = (name: string): number => round(geo.rowsTop + (rowOf.get(name) ?? 0) * geo.rowHeight + geo.rowHeight / 2);
  for (let k = 0; k + 1 < chain.length; k++) {
    const waiter = chain[k]!;
    const held = chain[k + 1]!;
    const x1 = geo.x(report.startedAt + held.settledAtMs);
    const x2 = geo.x(report.startedAt + waiter.startedAtMs);
    out.push(`<path class="crit-link" d="M${x1} ${mid(held.name)}V${mid(waiter.name)}H${Math.max(x1, x2)}"/>`);
  }
}


function footer(chain: readonly CriticalChainLink[], geo: TimelineLayout): string {
  const text =
    chain.length === 0
      ? 'No critical chain: nothing settled.'
      : `Critical chain (highlighted): ${chain.length} components, from ${chain.at(-1)!.name} to ${chain[0]!.name} @${formatDuration(chain[0]!.settledAtMs)}.`;
  return `${text} Hover a bar for details.${geo.showLabels ? '' : ` Labels hidden at ${geo.rowHeight}px rows.`}`;
}
