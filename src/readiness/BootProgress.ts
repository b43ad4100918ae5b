/**
 * What `progress$` emits: after every settled component and at each wave boundary.
 *
 * @example
 * ```ts
 * warmup.progress$.subscribe((p) => process.stdout.write(`\r${p.waveName} ${p.percent.toFixed(0)}%`));
 * ```
 */
export interface BootProgress {
  /** Components this boot loads (deferred ones not counted unless promoted). */
  readonly total: number;
  readonly settled: number;
  readonly ready: number;
  readonly degraded: number;
  readonly failed: number;
  /** Priority of the wave running (or just finished); -1 before the first. */
  readonly wave: number;
  /** `CRITICAL`, `HIGH`, … or `eager` / `idle`. */
  readonly waveName: string;
  /** settled / total × 100 (100 when total is 0). */
  readonly percent: number;
}
