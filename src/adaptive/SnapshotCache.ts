import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import type { CacheOptions } from './CacheOptions.js';
import { supportsSnapshots, takeSnapshot } from './snapshotHooks.js';

/** The version of the snapshot file's shape. */
const snapshotFormatVersion = 1;

interface SnapshotFile {
  readonly format: 'preheat-snapshot';
  readonly formatVersion: number;
  readonly component: string;
  readonly cacheVersion: string | number;
  readonly savedAt: number;
  readonly state: unknown;
}

const about = 'preheat:cache';

/**
 * Persisted warm state (CRaC / SnapStart, per component): before the boot plans, reads the snapshot
 * of every component that supports one, keeping only fresh ones (`maxAge`) of its current
 * `cacheVersion`; the factory takes each at most once, for the first attempt. After a successful
 * boot, saves the snapshots of the usable ones, each written atomically and skipped when over
 * `maxBytes`. Every problem is a warning event, never a failed boot: the fallback is always the
 * full warm-up.
 */
export class SnapshotCache {
  readonly #fresh = new Map<number, unknown>();
  readonly #restored = new Set<number>();
  #loaded: Promise<void> | undefined;
  #saving: Promise<void> = Promise.resolve();
  #writes = 0;

  constructor(
    private readonly specs: readonly ComponentSpec[],
    private readonly states: ComponentStates,
    private readonly clock: Clock,
    private readonly options: CacheOptions | undefined,
  ) {}

  get enabled(): boolean {
    return this.options !== undefined;
  }

  /** Reads the fresh snapshots (once, before the plan). Never rejects. */
  load(): Promise<void> {
    this.#loaded ??= this.#load();
    return this.#loaded;
  }

  /** The saved state to restore `index` from, once (the first attempt); undefined: warm up in full. */
  take(index: number): { readonly state: unknown } | undefined {
    if (!this.#fresh.has(index)) return undefined;
    const state = this.#fresh.get(index);
    this.#fresh.delete(index);
    return { state };
  }

  /** The restore worked (and its health check passed). */
  restored(index: number): void {
    this.#restored.add(index);
  }

  /** The restore failed: say so; the attempt warms up in full. */
  fellBack(index: number, why: string): void {
    this.states.warn(index, this.clock.now(), `restoring its snapshot failed (${why}): full warm-up`);
  }

  /** Names of the components restored from a snapshot. */
  get restoredNames(): string[] {
    return [...this.#restored].sort((a, b) => a - b).map((i) => this.specs[i]!.name);
  }

  /** True when `index` was restored (its load time is not a warm-up's). */
  wasRestored(index: number): boolean {
    return this.#restored.has(index);
  }

  /** Saves the snapshots of the usable components that support one (after a successful boot). */
  save(): Promise<void> {
    if (this.options === undefined) return Promise.resolve();
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  /** Shutdown: waits for a save in progress. */
  stop(): Promise<void> {
    return this.#saving;
  }

  async #load(): Promise<void> {
    const options = this.options;
    if (options === undefined) return;
    const maxAge = options.maxAge ?? 86_400_000;
    const now = this.clock.now();
    await Promise.all(
      this.specs.map(async (spec) => {
        if (!supportsSnapshots(spec)) return;
        let text: string;
        try {
          text = await readFile(this.#path(spec), 'utf8');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.states.warn(spec.index, now, `could not read its snapshot: ${describeError(error)}`);
          return;
        }
        const file = parse(text);
        const version = spec.cacheVersion ?? 0;
        if (file === undefined || file.component !== spec.name) this.states.warn(spec.index, now, 'its snapshot is corrupt: full warm-up');
        else if (file.cacheVersion !== version) this.states.warn(spec.index, now, `its snapshot is of cacheVersion ${String(file.cacheVersion)}, the component is at ${String(version)}: full warm-up`);
        else if (now - file.savedAt > maxAge) this.states.warn(spec.index, now, `its snapshot is ${now - file.savedAt} ms old (maxAge ${maxAge}): full warm-up`);
        else this.#fresh.set(spec.index, file.state);
      }),
    );
  }

  async #save(): Promise<void> {
    const options = this.options!;
    const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
    const at = this.clock.now();
    try {
      await mkdir(options.dir, { recursive: true });
    } catch (error) {
      this.states.warnAbout(about, at, `could not create ${options.dir}: ${describeError(error)}`);
      return;
    }
    for (const spec of this.specs) {
      if (!supportsSnapshots(spec) || !isUsable(this.states.status[spec.index]!)) continue;
      let text: string;
      try {
        const file: SnapshotFile = { format: 'preheat-snapshot', formatVersion: snapshotFormatVersion, component: spec.name, cacheVersion: spec.cacheVersion ?? 0, savedAt: at, state: takeSnapshot(spec, this.states.instance[spec.index]) };
        text = JSON.stringify(file);
      } catch (error) {
        this.states.warn(spec.index, at, `snapshot() failed: ${describeError(error)}`);
        continue;
      }
      if (Buffer.byteLength(text) > maxBytes) {
        this.states.warn(spec.index, at, `its snapshot is ${Buffer.byteLength(text)} bytes, over maxBytes ${maxBytes}: not saved`);
        continue;
      }
      const path = this.#path(spec);
      const temp = `${path}.${process.pid}.${++this.#writes}.tmp`;
      try {
        await writeFile(temp, text, 'utf8');
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        this.states.warn(spec.index, at, `could not save its snapshot: ${describeError(error)}`);
      }
    }
  }

  #path(spec: ComponentSpec): string {
    return join(this.options!.dir, `${encodeURIComponent(spec.name)}.snapshot.json`);
  }
}

function parse(text: string): SnapshotFile | undefined {
  try {
    const value = JSON.parse(text) as Partial<SnapshotFile> | null;
    if (value?.format !== 'preheat-snapshot' || value.formatVersion !== snapshotFormatVersion || typeof value.savedAt !== 'number') return undefined;
    if (typeof value.component !== 'string' || !('state' in value)) return undefined;
    return value as SnapshotFile;
  } catch {
    return undefined;
  }
}
