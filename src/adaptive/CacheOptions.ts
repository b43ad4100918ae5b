/**
 * `WarmupOptions.cache`: persisted warm state. Components that implement `snapshot()` and
 * `restore(state, signal)` are saved to `dir` after a successful boot and, at the next boot,
 * restored from a fresh snapshot of the same `cacheVersion` instead of warmed up in full.
 *
 * @example
 * ```ts
 * new Warmup(container, { cache: { dir: '.preheat/cache', maxAge: 6 * 3_600_000 } });
 * ```
 */
export interface CacheOptions {
  /** Folder of the snapshot files (one per component, written atomically). */
  readonly dir: string;
  /** A snapshot older than this (ms) is not restored. Default 24 h. */
  readonly maxAge?: number;
  /** A snapshot bigger than this (bytes of JSON) is not written. Default 16 MiB. */
  readonly maxBytes?: number;
}
