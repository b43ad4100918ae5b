import { criticalColour, kindColour } from './timelineStyle.js';

interface LegendItem {
  readonly label: string;
  /** The swatch, drawn in a 12 × 12 box at (x, y). */
  swatch(x: number, y: number): string;
}

const items: readonly LegendItem[] = [
  { label: 'ready', swatch: (x, y) => `<rect class="swatch" x="${x}" y="${y}" width="12" height="12" rx="2" fill="${kindColour.ready}"/>` },
  { label: 'degraded', swatch: (x, y) => `<rect class="swatch" x="${x}" y="${y}" width="12" height="12" rx="2" fill="${kindColour.degraded}"/>` },
  { label: 'failed', swatch: (x, y) => `<rect class="swatch" x="${x}" y="${y}" width="12" height="12" rx="2" fill="${kindColour.failed}"/>` },
  { label: 'retried attempt', swatch: (x, y) => `<rect class="swatch" x="${x}" y="${y}" width="12" height="12" rx="2" fill="url(#retried-stripes)"/>` },
  { label: 'step', swatch: (x, y) => `<rect class="step" x="${x}" y="${y + 8}" width="12" height="4"/>` },
  {
    label: 'critical chain',
    swatch: (x, y) => `<rect class="swatch" x="${x}" y="${y}" width="12" height="12" rx="2" fill="#fff8c5" stroke="${criticalColour}" stroke-width="1.5"/>`,
  },
  { label: 'not run (dependency failed)', swatch: (x, y) => `<path class="skip" d="M${x + 2} ${y + 2}L${x + 10} ${y + 10}M${x + 10} ${y + 2}L${x + 2} ${y + 10}"/>` },
  { label: 'wave starts', swatch: (x, y) => `<line class="wave-line" x1="${x + 6}" y1="${y - 1}" x2="${x + 6}" y2="${y + 13}"/>` },
];

/** The legend as one line of swatches starting at (x, baseline y). */
export function drawLegend(out: string[], x: number, y: number): void {
  out.push('<g class="legend">');
  let at = x;
  for (const item of items) {
    out.push(item.swatch(at, y - 10), `<text x="${at + 17}" y="${y}">${item.label}</text>`);
    at += 17 + Math.ceil(item.label.length * 6.6) + 18;
  }
  out.push('</g>');
}
