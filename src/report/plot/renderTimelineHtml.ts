import type { BootReport } from '../BootReport.js';
import { blame } from '../blame.js';
import { criticalChain } from '../criticalChain.js';
import { escapeXml } from './escapeXml.js';
import { formatDuration } from '../formatDuration.js';
import { renderTimelineSvg, type TimelineOptions } from './renderTimelineSvg.js';

// Turns each <title> of the picture into a tooltip that follows the pointer (native SVG titles
// show late and cannot be styled). No dependency, no network.
const tooltipScript = `
(() => {
  const tip = document.getElementById('tip');
  const svg = document.querySelector('#timeline svg');
  for (const title of svg.querySelectorAll('title')) {
    if (title.parentElement === svg) continue;
    title.parentElement.setAttribute('data-tip', title.textContent);
    title.remove();
  }
  svg.addEventListener('mousemove', (event) => {
    const target = event.target.closest('[data-tip]');
    if (!target) { tip.hidden = true; return; }
    tip.textContent = target.getAttribute('data-tip');
    tip.hidden = false;
    tip.style.left = Math.min(event.pageX + 14, document.documentElement.scrollWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = event.pageY + 14 + 'px';
  });
  svg.addEventListener('mouseleave', () => { tip.hidden = true; });
})();
`;

const pageCss = `
  body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 24px; color: #24292f; }
  #timeline { overflow-x: auto; border: 1px solid #d0d7de; border-radius: 6px; }
  #tip { position: absolute; max-width: 520px; padding: 6px 8px; background: #24292f; color: #fff;
         font-size: 12px; border-radius: 4px; pointer-events: none; white-space: pre-wrap; }
  table { border-collapse: collapse; font-size: 13px; }
  td, th { padding: 3px 12px 3px 0; text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
`;

/**
 * A standalone HTML page: the {@link renderTimelineSvg} picture with tooltips that follow the
 * pointer (a few lines of inline script, nothing fetched), then the critical chain and the 20
 * slowest components as text.
 *
 * @example
 * ```ts
 * await writeFile('boot.html', renderTimelineHtml(report));
 * ```
 */
export function renderTimelineHtml(report: BootReport, options: TimelineOptions = {}): string {
  const title = options.title ?? 'preheat boot timeline';
  const chain = criticalChain(report, options.criticalChainOf)
    .map((l) => `<li><code>${escapeXml(l.name)}</code> @${formatDuration(l.settledAtMs)} +${formatDuration(l.durationMs)}${l.via === 'wave' ? ' (last of the earlier waves)' : ''}</li>`)
    .join('\n');
  const slowest = blame(report)
    .slice(0, 20)
    .map((e) => `<tr><td class="num">${formatDuration(e.durationMs)}</td><td><code>${escapeXml(e.name)}</code></td><td>${e.status}</td><td class="num">${e.attempts}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>${pageCss}</style>
</head>
<body>
<div id="timeline">
${renderTimelineSvg(report, options)}</div>
<div id="tip" hidden></div>
<h2>Critical chain</h2>
<ol>
${chain}
</ol>
<h2>Slowest components</h2>
<table>
<tr><th>time</th><th>component</th><th>status</th><th>attempts</th></tr>
${slowest}
</table>
<script>${tooltipScript}</script>
</body>
</html>
`;
}
