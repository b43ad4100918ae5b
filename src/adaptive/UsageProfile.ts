import type { Priority } from '../component/Priority.js';
import type { KindRow } from './KindTable.js';

/**
 * The version of the profile's shape this preheat writes and reads. A file with another version is
 * stale: a warning, then ignored.
 *
 * @example
 * ```ts
 * if (saved.formatVersion !== profileFormatVersion) console.warn('a profile of another preheat');
 * ```
 */
export const profileFormatVersion = 1;

/**
 * What the profile remembers of one component, across boots. Counts decay (each boot multiplies
 * the old value by `decay`, default 0.5, then adds its own), so a component nobody uses any more
 * loses its weight in a few boots.
 *
 * @example
 * ```ts
 * const entry: ProfileEntry = { loadMs: 120, gets: 40, getAsyncs: 1, injections: 2, firstUseMs: 15, bootsUnused: 0 };
 * ```
 */
export interface ProfileEntry {
  /** Moving average of the measured load time, ms (absent until it loaded once). */
  readonly loadMs?: number;
  /** Decayed `container.get` count per boot. */
  readonly gets: number;
  /** Decayed `getAsync` count per boot. */
  readonly getAsyncs: number;
  /** Decayed count of dependents that were built with it injected. */
  readonly injections: number;
  /** Moving average of the time from `ready` to its first use, ms (absent: never used). */
  readonly firstUseMs?: number;
  /** Boots in a row in which nothing used it directly (get or getAsync). */
  readonly bootsUnused: number;
  /** The priority the advisor gave it on the last boot (adjustments move one step per boot). */
  readonly priority?: Priority;
}

/**
 * A learned usage profile (what `profile: { path }` reads at boot and writes at shutdown), keyed to
 * one component graph by {@link graphHash}. JSON-safe.
 *
 * @example
 * ```ts
 * const saved = JSON.parse(readFileSync('.preheat/profile.json', 'utf8')) as UsageProfile;
 * console.log(saved.boots, Object.keys(saved.components));
 * ```
 */
export interface UsageProfile {
  readonly format: 'preheat-profile';
  readonly formatVersion: typeof profileFormatVersion;
  /** Hash of the component names and edges it was learned on (see `graphHashOf`). */
  readonly graphHash: string;
  /** Boots folded into it. */
  readonly boots: number;
  /** When it was written (the Warmup's clock). */
  readonly updatedAt: number;
  readonly components: Readonly<Record<string, ProfileEntry>>;
  /** Which components each kind of work (`warmup.track(kind, fn)`) used, as hits and misses. */
  readonly kinds: Readonly<Record<string, { readonly runs: number; readonly rows: Readonly<Record<string, KindRow>> }>>;
}

/** A profile with nothing learned yet. */
export function emptyProfile(graphHash: string, at: number): UsageProfile {
  return { format: 'preheat-profile', formatVersion: profileFormatVersion, graphHash, boots: 0, updatedAt: at, components: {}, kinds: {} };
}
