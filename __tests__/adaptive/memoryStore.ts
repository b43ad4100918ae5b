import type { ProfileStore } from '../../src/index.js';

/** An in-memory ProfileStore (what a database store does, without the database). */
export class MemoryStore implements ProfileStore {
  saved: unknown = undefined;
  saves = 0;
  failLoad: Error | undefined;
  failSave: Error | undefined;

  async load(): Promise<unknown> {
    if (this.failLoad !== undefined) throw this.failLoad;
    return this.saved === undefined ? undefined : structuredClone(this.saved);
  }

  async save(profile: unknown): Promise<void> {
    if (this.failSave !== undefined) throw this.failSave;
    this.saves++;
    this.saved = structuredClone(profile);
  }
}
