/**
 * How much a component can do right now, from its health score: `'full'` … `'offline'`. The
 * component's own code reads it (`warmup.mode(token)`, `warmup.mode$(token)`) to degrade gracefully:
 * skip the recommendations in `'reduced'`, serve only from cache in `'minimal'`.
 *
 * @example
 * ```ts
 * const mode: OperatingMode = warmup.mode(Search); // 'normal'
 * if (mode === 'minimal') return cachedResults(query);
 * ```
 */
export type OperatingMode = 'full' | 'normal' | 'reduced' | 'minimal' | 'offline';

/**
 * The lowest score of each mode but `'offline'` (below `minimal`). Each is in (0, 1], strictly
 * descending: `full > normal > reduced > minimal > 0`, so a check that answers `false` (score 0) is
 * always `'offline'` and one that answers `true` (score 1) always `'full'`.
 *
 * @example
 * ```ts
 * @Component({ health: { modes: { full: 0.99, minimal: 0.1 } } }) // the others from defaultModeThresholds
 * class Search {}
 * ```
 */
export interface ModeThresholds {
  readonly full: number;
  readonly normal: number;
  readonly reduced: number;
  readonly minimal: number;
}

/**
 * The default thresholds: `full` ≥ 0.95, `normal` ≥ 0.8, `reduced` ≥ 0.5, `minimal` ≥ 0.2, else
 * `offline`.
 *
 * @example
 * ```ts
 * modeOf(0.9, defaultModeThresholds); // 'normal'
 * ```
 */
export const defaultModeThresholds: ModeThresholds = Object.freeze({ full: 0.95, normal: 0.8, reduced: 0.5, minimal: 0.2 });

/**
 * Every mode, best first (the order of the thresholds).
 *
 * @example
 * ```ts
 * operatingModes.indexOf('reduced') > operatingModes.indexOf('full'); // true: worse
 * ```
 */
export const operatingModes: readonly OperatingMode[] = Object.freeze(['full', 'normal', 'reduced', 'minimal', 'offline']);

/** Rounding slack: 0.8 + 0.05 is 0.8500000000000001 in binary, and a score of 0.85 must reach it. */
const epsilon = 1e-9;

/** Levels from worst (0, offline) to best (4, full), and the threshold of each (offline: none). */
const levels: readonly OperatingMode[] = ['offline', 'minimal', 'reduced', 'normal', 'full'];

function thresholdOf(t: ModeThresholds, level: number): number {
  switch (level) {
    case 1:
      return t.minimal;
    case 2:
      return t.reduced;
    case 3:
      return t.normal;
    case 4:
      return t.full;
    default:
      return -Infinity;
  }
}

/**
 * The mode of a score, with hysteresis: from `previous`, the mode goes up to a better one only when
 * the score reaches that mode's threshold plus `hysteresis`, and down only when it falls below the
 * current mode's threshold minus `hysteresis` (then to the best mode whose threshold minus
 * `hysteresis` it still reaches). So a score wobbling around a threshold by less than the margin
 * does not flap. Without `previous` (the first check of an instance), the plain thresholds decide.
 * A score that is not a number in [0, 1] is `'offline'`.
 *
 * @example
 * ```ts
 * modeOf(0.78, defaultModeThresholds, 0.05, 'normal'); // 'normal': 0.78 ≥ 0.8 − 0.05
 * modeOf(0.74, defaultModeThresholds, 0.05, 'normal'); // 'reduced'
 * modeOf(0.83, defaultModeThresholds, 0.05, 'reduced'); // 'reduced': below 0.8 + 0.05
 * ```
 */
export function modeOf(score: number, thresholds: ModeThresholds, hysteresis = 0, previous?: OperatingMode): OperatingMode {
  if (!(score >= 0 && score <= 1)) return 'offline';
  let raw = 0;
  for (let level = 4; level >= 1; level--) {
    if (score >= thresholdOf(thresholds, level)) {
      raw = level;
      break;
    }
  }
  if (previous === undefined || hysteresis === 0) return levels[raw]!;
  const current = levels.indexOf(previous);
  if (raw === current) return previous;
  if (raw > current) {
    let up = current;
    for (let level = current + 1; level <= 4; level++) if (score >= thresholdOf(thresholds, level) + hysteresis - epsilon) up = level;
    return levels[up]!;
  }
  if (score >= thresholdOf(thresholds, current) - hysteresis - epsilon) return previous;
  for (let level = current - 1; level >= 1; level--) if (score >= thresholdOf(thresholds, level) - hysteresis - epsilon) return levels[level]!;
  return 'offline';
}
