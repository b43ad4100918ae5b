import type { AdvisorOptions } from './AdaptiveOptions.js';
import type { PredictorOptions } from './Preloader.js';
import type { ProfileStore } from './ProfileStore.js';

/**
 * `WarmupOptions.profile`: learn from each boot and use it at the next (docs/adaptive.md). Give a
 * `path` (a JSON file, written atomically) or a `store` of your own.
 *
 * @example
 * ```ts
 * new Warmup(container, { profile: { path: '.preheat/profile.json', saveInterval: 60_000 } });
 * ```
 */
export interface ProfileOptions {
  /** The profile file (the default store). */
  readonly path?: string;
  /** Where the profile lives instead of a file (a shared database: the fleet learns together). */
  readonly store?: ProfileStore;
  /**
   * Also save every `saveInterval` ms after the boot (through the Warmup's scheduler); the timer
   * runs until shutdown. Default: save once when the boot is ready and at shutdown only.
   */
  readonly saveInterval?: number;
  /** Multiplies the counts of earlier boots at each boot. Default 0.5. */
  readonly decay?: number;
  /** Weight of the latest boot in the moving averages (load time, first use). Default 0.5. */
  readonly alpha?: number;
  /** When priorities are promoted and demoted. */
  readonly advisor?: AdvisorOptions;
  /** The thresholds of `warmup.prepare(kind)`. */
  readonly predictor?: PredictorOptions;
  /** Learn and record, but boot with the declared priorities and FIFO order (a dry run). Default true. */
  readonly apply?: boolean;
}
