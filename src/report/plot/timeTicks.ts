/**
 * Round tick positions for a time axis of `rangeMs`, about `target` of them: steps of 1, 2 or 5
 * times a power of ten, starting at 0.
 */
export function timeTicks(rangeMs: number, target: number): number[] {
  if (!(rangeMs > 0)) return [0];
  const raw = rangeMs / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let k = 0; k * step <= rangeMs + step * 1e-9; k++) ticks.push(k * step);
  return ticks;
}
