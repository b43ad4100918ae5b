import type { AttemptKind } from './attemptKind.js';

/** Bar colours, picked to stay apart for the common colour-vision deficiencies (Okabe–Ito). */
export const kindColour: Readonly<Record<AttemptKind, string>> = {
  ready: '#009E73',
  degraded: '#E69F00',
  failed: '#D55E00',
  retried: '#999999',
};

/** Strip colour of each wave in the label column, most urgent darkest. */
export const waveColour: readonly string[] = ['#08306b', '#2171b5', '#6baed6', '#c6dbef', '#e0e0e0'];

export const criticalColour = '#1a1a1a';

/** The stylesheet embedded in the SVG, so the file stands alone. */
export const timelineCss = `
  text { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; fill: #24292f; }
  .title { font-size: 16px; font-weight: 600; }
  .subtitle, .footer { font-size: 12px; fill: #57606a; }
  .legend text { font-size: 12px; }
  .tick text, .wave-name { font-size: 11px; fill: #57606a; }
  .tick line { stroke: #d0d7de; stroke-width: 1; }
  .band-even { fill: #f6f8fa; }
  .band-odd { fill: #ffffff; }
  .label { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  .label.crit { font-weight: 700; }
  .note, .dur { font-size: 10px; fill: #57606a; }
  .bar.ready { fill: ${kindColour.ready}; }
  .bar.degraded { fill: ${kindColour.degraded}; }
  .bar.failed { fill: ${kindColour.failed}; }
  .bar.retried { fill: url(#retried-stripes); }
  .bar.crit { stroke: ${criticalColour}; stroke-width: 1.5; }
  .bar:hover { opacity: 0.75; }
  .step { fill: #0b3d2e; fill-opacity: 0.55; stroke: #ffffff; stroke-width: 0.5; }
  .step.failed { fill: #7a1f00; }
  .step.unfinished { fill-opacity: 0.3; }
  .step:hover { fill-opacity: 0.9; }
  .crit-row { fill: #fff8c5; }
  .crit-link { fill: none; stroke: ${criticalColour}; stroke-width: 1.2; stroke-dasharray: 3 2; }
  .backoff { stroke: #8c959f; stroke-width: 1; stroke-dasharray: 2 2; }
  .skip { stroke: ${kindColour.failed}; stroke-width: 2; }
  .wave-line { stroke: #0969da; stroke-width: 1; stroke-dasharray: 6 4; }
  .wave-span { fill: #ddf4ff; stroke: #54aeff; }
  .boot-end { stroke: #24292f; stroke-width: 1.5; }
  .boot-end-label { font-size: 11px; font-weight: 600; }
`;
