import type { PriorityAdjustment } from './advisePriorities.js';

/**
 * One `warmup.prepare(kind)`: what it predicted and what the kind then used.
 *
 * @example
 * ```ts
 * for (const p of report.learned?.predictions ?? []) console.log(p.kind, p.preloaded, p.used);
 * ```
 */
export interface PredictionReport {
  readonly kind: string;
  /** DEFERRED components it loaded in the background (confidence ≥ the high threshold). */
  readonly preloaded: readonly string[];
  /** Components whose cheap `prepare()` hook it ran (confidence between the thresholds). */
  readonly prepared: readonly string[];
  /** What the next unit of that kind used (absent until one ran). */
  readonly used?: readonly string[];
}

/**
 * What the boot learned and used (`BootReport.learned`, present with a `profile`).
 *
 * @example
 * ```ts
 * const { learned } = await warmup.boot();
 * learned?.adjustments.forEach((a) => console.log(`${a.name}: ${a.from} → ${a.to}, ${a.reason}`));
 * ```
 */
export interface LearnedReport {
  /** Boots folded into the profile this boot started from (0: none, or it was refused). */
  readonly profileBoots: number;
  /** Every priority the advisor changed, with its reason. */
  readonly adjustments: readonly PriorityAdjustment[];
  /** True when the ready queue ordered by learned load times (longest remaining path first). */
  readonly durationAware: boolean;
  /** Why a saved profile was refused or could not be read or written. */
  readonly warnings: readonly string[];
  /** `warmup.prepare(kind)` calls so far (the last 16). */
  readonly predictions: readonly PredictionReport[];
}
