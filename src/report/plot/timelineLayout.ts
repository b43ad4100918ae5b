import type { BootReport, ComponentReport } from '../BootReport.js';

/** Where everything goes in a timeline picture (px), and the time scale. */
export interface TimelineLayout {
  readonly width: number;
  readonly height: number;
  readonly rowHeight: number;
  readonly barHeight: number;
  readonly fontSize: number;
  readonly showLabels: boolean;
  /** Left edge of the label column (the wave strip sits here). */
  readonly labelLeft: number;
  /** Right edge of the label column, where labels end. */
  readonly labelRight: number;
  readonly plotLeft: number;
  readonly plotRight: number;
  /** Top of the wave ruler above the axis, and how many lanes it has. */
  readonly rulerTop: number;
  readonly rulerLanes: number;
  readonly axisY: number;
  readonly rowsTop: number;
  readonly footerY: number;
  /** The time range shown, from the report's clock (ms). */
  readonly t0: number;
  readonly t1: number;
  /** x of a time from the report's clock. */
  x(t: number): number;
}

export const pad = 16;
export const laneHeight = 18;
const headerHeight = 80;
const maxLabelChars = 40;

/** Rows up to 40 get 22 px; beyond that the picture aims for ~3000 px of rows, 5 px a row at least. */
export function autoRowHeight(rows: number): number {
  return rows <= 40 ? 22 : Math.max(5, Math.min(22, Math.floor(3_000 / rows)));
}

/**
 * Computes the geometry of a timeline of `rows`. Labels show when rows are at least 10 px high
 * (unless `labels` says otherwise); a narrow gutter replaces them otherwise.
 */
export function timelineLayout(
  report: BootReport,
  rows: readonly ComponentReport[],
  options: { width: number; rowHeight: number | undefined; labels: boolean | undefined; rulerLanes: number },
): TimelineLayout {
  const rowHeight = options.rowHeight ?? autoRowHeight(rows.length);
  const showLabels = options.labels ?? rowHeight >= 10;
  const fontSize = rowHeight >= 16 ? 12 : rowHeight >= 12 ? 10 : 8;
  const barHeight = Math.max(1, rowHeight >= 10 ? rowHeight - 6 : rowHeight - 1);
  let longest = 0;
  for (const row of rows) longest = Math.max(longest, Math.min(maxLabelChars, row.name.length));
  const labelWidth = showLabels ? Math.min(340, Math.max(90, Math.ceil(longest * fontSize * 0.62) + 24)) : 12;
  const labelLeft = pad;
  const labelRight = labelLeft + labelWidth - 8;
  const plotLeft = labelLeft + labelWidth;
  const plotRight = Math.max(plotLeft + 100, options.width - pad - (showLabels ? 64 : 8));
  const rulerTop = headerHeight;
  const axisY = rulerTop + options.rulerLanes * laneHeight + 14;
  const rowsTop = axisY + 8;
  const footerY = rowsTop + rows.length * rowHeight + 36;
  const t0 = report.startedAt;
  let t1 = report.finishedAt;
  for (const row of rows) {
    if (row.finishedAt !== undefined) t1 = Math.max(t1, row.finishedAt);
    for (const a of row.attemptHistory) t1 = Math.max(t1, a.finishedAt);
  }
  if (!(t1 > t0)) t1 = t0 + 1;
  // In halves: t1 − t0 overflows for far-apart times (1e308 − -1e308), halving is exact, and the
  // result is the same number as without it. A span lost next to a huge t0 (t0 + 1 === t0) is 1 ms.
  const halfSpan = t1 / 2 - t0 / 2 > 0 ? t1 / 2 - t0 / 2 : 0.5;
  const scale = (plotRight - plotLeft) / halfSpan;
  const width = Math.max(options.width, plotRight + pad);
  return {
    width,
    height: footerY + 14,
    rowHeight,
    barHeight,
    fontSize,
    showLabels,
    labelLeft,
    labelRight,
    plotLeft,
    plotRight,
    rulerTop,
    rulerLanes: options.rulerLanes,
    axisY,
    rowsTop,
    footerY,
    t0,
    t1,
    // Clamped a picture's width beyond each edge: a time far outside the boot stays outside the
    // picture without writing a coordinate like 1e+300 (or NaN, for a report that is not one).
    x: (t) => round(clamp(plotLeft + (t / 2 - t0 / 2) * scale, -width, 2 * width)),
  };
}

/** `n` within [lo, hi]; NaN becomes lo. */
function clamp(n: number, lo: number, hi: number): number {
  return n > hi ? hi : n >= lo ? n : lo;
}

/** Two decimals keep the file small without visible error. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A label cut to `maxLabelChars` with an ellipsis. */
export function fitLabel(name: string): string {
  return name.length <= maxLabelChars ? name : `${name.slice(0, maxLabelChars - 1)}…`;
}
