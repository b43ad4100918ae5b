import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProfileStore } from './ProfileStore.js';

/**
 * The default {@link ProfileStore}: one JSON file, written atomically (to a temporary file beside
 * it, then renamed over it), so a crash mid-write leaves the old profile, never half a new one.
 * A missing file loads as undefined; an unreadable one as its text, which preheat then refuses
 * with a warning.
 *
 * @example
 * ```ts
 * new Warmup(container, { profile: { store: new FileProfileStore('.preheat/profile.json') } });
 * // the same as: { profile: { path: '.preheat/profile.json' } }
 * ```
 */
export class FileProfileStore implements ProfileStore {
  #writes = 0;

  constructor(readonly path: string) {}

  async load(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // not JSON: readProfile names it corrupt
    }
  }

  async save(profile: unknown): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${++this.#writes}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(profile)}\n`, 'utf8');
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
