import type { BootReport } from '../../index.js';
import type { CriticalChainLink } from '../../report/criticalChain.js';
import { priorityName } from '../../index.js';
import { formatDuration } from '../../report/formatDuration.js';
import type { Paint } from '../Terminal.js';
import { terminalText } from './terminalText.js';

const maxIndent = 30;

/**
 * A chain the way `systemd-analyze critical-chain` prints it: the target first, each link
 * indented under the one that waited for it, "@" when it settled and "+" how long it took.
 */
export function formatCriticalChain(report: BootReport, chain: readonly CriticalChainLink[], target: string | undefined, paint: Paint): string {
  const lines = [
    paint.grey('The time when a component settled is printed after the "@" character.'),
    paint.grey('The time the component took to load is printed after the "+" character.'),
    '',
  ];
  if (chain.length === 0) {
    lines.push(target === undefined ? 'Nothing settled during the boot.' : `${terminalText(target)} has not settled: it never loaded.`);
    return lines.join('\n');
  }
  let depth = 0;
  if (target === undefined) {
    lines.push(`${paint.bold('boot')} @${formatDuration(report.totalLoadTimeMs)}`);
    depth = 1;
  }
  for (const link of chain) {
    const indent = depth === 0 ? '' : `${'  '.repeat(Math.min(depth, maxIndent) - 1)}└─`;
    lines.push(`${indent}${describe(link, paint)}`);
    depth++;
  }
  return lines.join('\n');
}

function describe(link: CriticalChainLink, paint: Paint): string {
  const shown = terminalText(link.name);
  const name = link.status === 'failed' ? paint.red(shown) : link.status === 'degraded' ? paint.yellow(shown) : shown;
  const took = link.durationMs > 0 ? ` ${paint.red(`+${formatDuration(link.durationMs)}`)}` : '';
  const notes: string[] = [];
  if (link.status !== 'ready') notes.push(link.status);
  if (link.via === 'wave') notes.push(`ended wave ${priorityName(link.wave)}`);
  if (link.tiedWith.length > 0) notes.push(`tied with ${link.tiedWith.map(terminalText).join(', ')}`);
  return `${name} @${formatDuration(link.settledAtMs)}${took}${notes.length > 0 ? paint.grey(` (${notes.join('; ')})`) : ''}`;
}
