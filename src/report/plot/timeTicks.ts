/**
 * Round tick positions for a time axis of `rangeMs`, about `target` of them: steps of 1, 2 or 5
 * times a power of ten, starting at 0.
 */
export function timeTicks(rangeMs: number, target: number): number[] {
  if (!(rangeMs > 0 && rangeMs < Infinity)) return [0];
  const count = Math.max(1, target);
  const raw = rangeMs / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  // A step that underflowed to 0 (a range of 1e-323 ms) would never end the loop.
  if (!(step > 0)) return [0];
  // Counted in steps: rangeMs + a little can overflow to Infinity next to Number.MAX_VALUE.
  const last = Math.min(rangeMs / step + 1e-9, 2 * count + 1);
  const ticks: number[] = [];
  for (let k = 0; k <= last; k++) ticks.push(k * step);
  return ticks;
}
