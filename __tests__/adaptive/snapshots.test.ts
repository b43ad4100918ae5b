import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Component, InvalidOptionError, Warmup, type CacheOptions, type ComponentEvent } from '../../src/index.js';

describe('persisted warm state (snapshot / restore)', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'preheat-cache-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const calls: string[] = [];
  let healthy = true;

  function indexClass(cacheVersion = 1) {
    @Component({ name: 'index', cacheVersion })
    class SearchIndex {
      terms: string[] = [];
      fromSnapshot = false;
      async onWarmup(): Promise<void> {
        calls.push('warm-up');
        this.terms = ['alpha', 'beta'];
      }
      snapshot(): unknown {
        return { terms: this.terms };
      }
      restore(state: { terms: string[] }): void {
        calls.push('restore');
        this.terms = state.terms;
        this.fromSnapshot = true;
      }
      checkHealth(): boolean {
        calls.push('health');
        return healthy || !this.fromSnapshot; // healthy = false: only a restored instance is unhealthy
      }
    }
    return SearchIndex;
  }

  async function boot(cache: CacheOptions, Index = indexClass()) {
    const container = new Container();
    const warmup = new Warmup(container, { cache }).register(Index);
    const warnings: string[] = [];
    warmup.events$.subscribe((e: ComponentEvent) => e.type === 'warning' && warnings.push(`${e.name}: ${e.message}`));
    const report = await warmup.boot();
    const terms = container.get<{ terms: string[] }>(Index).terms;
    await warmup.shutdown(); // waits for the snapshot being written
    return { report, terms, warnings };
  }

  beforeEach(() => {
    calls.length = 0;
    healthy = true;
  });

  it('should save after a good boot and restore instead of the full warm-up at the next, then check health', async () => {
    const first = await boot({ dir });
    expect(first.report.restoredComponents).toEqual([]);
    expect(calls).toEqual(['warm-up', 'health']);
    expect(await readdir(dir)).toEqual(['index.snapshot.json']); // atomic: no temp file left
    calls.length = 0;
    const second = await boot({ dir });
    expect(second.report.restoredComponents).toEqual(['index']);
    expect(calls).toEqual(['restore', 'health', 'health']); // its own check, then the attempt's
    expect(second.terms).toEqual(['alpha', 'beta']);
  });

  it('should fall back to the full warm-up when the restored instance fails its health check', async () => {
    await boot({ dir });
    calls.length = 0;
    healthy = false;
    const Index = indexClass();
    const container = new Container();
    const warmup = new Warmup(container, { cache: { dir } }).register(Index);
    const warnings: string[] = [];
    warmup.events$.subscribe((e) => e.type === 'warning' && warnings.push(e.message!));
    const report = await warmup.boot();
    expect(calls).toEqual(['restore', 'health', 'warm-up', 'health']);
    expect(warnings).toEqual(['restoring its snapshot failed (its health check failed after the restore): full warm-up']);
    expect(report.restoredComponents).toEqual([]);
    await warmup.shutdown();
  });

  it('should never restore across a changed cacheVersion, nor a snapshot older than maxAge', async () => {
    await boot({ dir });
    calls.length = 0;
    const changed = await boot({ dir }, indexClass(2));
    expect(calls[0]).toBe('warm-up');
    expect(changed.warnings).toEqual(['index: its snapshot is of cacheVersion 1, the component is at 2: full warm-up']);
    // the version-2 snapshot now on disk, made old
    const path = join(dir, 'index.snapshot.json');
    const file = JSON.parse(await readFile(path, 'utf8')) as { savedAt: number };
    await writeFile(path, JSON.stringify({ ...file, savedAt: file.savedAt - 10_000 }));
    calls.length = 0;
    const stale = await boot({ dir, maxAge: 5_000 }, indexClass(2));
    expect(calls[0]).toBe('warm-up');
    expect(stale.warnings[0]).toMatch(/^index: its snapshot is \d+ ms old \(maxAge 5000\): full warm-up$/);
  });

  it('should ignore a corrupt snapshot and refuse to write one over maxBytes', async () => {
    await writeFile(join(dir, 'index.snapshot.json'), '{ half');
    const corrupt = await boot({ dir, maxBytes: 10 });
    expect(corrupt.warnings).toEqual(['index: its snapshot is corrupt: full warm-up', expect.stringMatching(/^index: its snapshot is \d+ bytes, over maxBytes 10: not saved$/)]);
    expect(await readFile(join(dir, 'index.snapshot.json'), 'utf8')).toBe('{ half');
  });

  it('should restore a loader definition through its restore(state, ctx)', async () => {
    const loads: string[] = [];
    const definition = () => ({
      token: 'vocab',
      load: () => (loads.push('load'), new Map([['a', 1]])),
      snapshot: (map: Map<string, number>) => [...map],
      restore: (state: unknown) => (loads.push('restore'), new Map(state as [string, number][])),
    });
    const run = async () => {
      const container = new Container();
      const warmup = new Warmup(container, { cache: { dir } }).register(definition());
      await warmup.boot();
      const value = container.get<Map<string, number>>('vocab').get('a');
      await warmup.shutdown();
      return value;
    };
    expect(await run()).toBe(1);
    expect(await run()).toBe(1);
    expect(loads).toEqual(['load', 'restore']);
  });

  it('should reject unusable cache options', () => {
    expect(() => new Warmup(new Container(), { cache: { dir: '' } })).toThrow(InvalidOptionError);
    expect(() => new Warmup(new Container(), { cache: { dir, maxAge: -1 } })).toThrow(/cache.maxAge/);
  });
});
