/**
 * A duration the way systemd-analyze prints it: `300ms`, `1.2s`, `2min 5.5s`. Whole milliseconds
 * below a second, at most two decimals above, trailing zeros dropped.
 *
 * @example
 * ```ts
 * formatDuration(1_204); // '1.2s'
 * formatDuration(42.4);  // '42ms'
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (Math.round(ms) < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${trim((ms / 1_000).toFixed(2))}s`;
  const minutes = Math.floor(ms / 60_000);
  const rest = ms - minutes * 60_000;
  return rest < 1 ? `${minutes}min` : `${minutes}min ${formatDuration(rest)}`;
}

function trim(fixed: string): string {
  return fixed.replace(/\.?0+$/, '');
}
