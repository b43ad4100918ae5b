/**
 * Where a usage profile lives between boots. `load` resolves with what was saved (any JSON value:
 * preheat validates it and ignores it with a warning event when it is corrupt, foreign or stale),
 * or undefined when nothing was saved yet; `save` replaces it. The default is a file
 * (`profile: { path }`, {@link FileProfileStore}); a store over a shared database lets a fleet of
 * replicas learn together (see `examples/recipes/redisProfileStore.ts`). A store that throws only
 * costs a warning: the boot goes on without a profile.
 *
 * @example
 * ```ts
 * const memory: ProfileStore = {
 *   saved: undefined as unknown,
 *   async load() { return this.saved; },
 *   async save(profile) { this.saved = structuredClone(profile); },
 * };
 * new Warmup(container, { profile: { store: memory } });
 * ```
 */
export interface ProfileStore {
  load(): Promise<unknown>;
  save(profile: unknown): Promise<void>;
}
