import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileProfileStore, InvalidOptionError, mergeProfiles, readProfile, Warmup, type ComponentEvent, type ComponentDefinition, type ProfileStore, type UsageProfile } from '../../src/index.js';
import { settle } from '../helpers/settle.js';
import { MemoryStore } from './memoryStore.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const defs = (): ComponentDefinition[] => [
  { token: 'config', load: async () => (await sleep(20), {}) },
  { token: 'db', dependsOn: ['config'], load: async () => (await sleep(40), {}) },
];

/** Boots and shuts down once; returns the report's learned section and the profile warnings. */
async function run(store: ProfileStore, items = defs(), use?: (c: Container) => void) {
  const container = new Container();
  const warmup = new Warmup(container, { profile: { store } }).register(items);
  const warnings: ComponentEvent[] = [];
  warmup.events$.subscribe((e) => {
    if (e.type === 'warning' && e.name === 'preheat:profile') warnings.push(e);
  });
  const report = await settle(warmup.boot());
  use?.(container);
  await settle(warmup.shutdown());
  return { learned: report.learned!, warnings: warnings.map((w) => w.message) };
}

describe('profile persistence', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  describe('FileProfileStore', () => {
    let dir: string;
    beforeEach(async () => {
      jest.useRealTimers(); // real file system
      dir = await mkdtemp(join(tmpdir(), 'preheat-profile-'));
    });
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    it('should round-trip a profile through `profile: { path }`, written atomically, leaving no temp file', async () => {
      const path = join(dir, 'nested', 'profile.json');
      const first = new Warmup(new Container(), { profile: { path } }).register(defs());
      const r1 = await first.boot();
      expect(r1.learned!.profileBoots).toBe(0);
      first.container.get('db');
      await first.shutdown();
      expect(await readdir(join(dir, 'nested'))).toEqual(['profile.json']);
      const saved = JSON.parse(await readFile(path, 'utf8')) as UsageProfile;
      expect(saved).toMatchObject({ format: 'preheat-profile', formatVersion: 1, boots: 1 });
      const second = new Warmup(new Container(), { profile: { path } }).register(defs());
      const r2 = await second.boot();
      expect(r2.learned).toMatchObject({ profileBoots: 1, warnings: [] });
      await second.shutdown();
    });

    it('should load a missing file as nothing and a non-JSON one as text', async () => {
      const store = new FileProfileStore(join(dir, 'absent.json'));
      await expect(store.load()).resolves.toBeUndefined();
      await writeFile(join(dir, 'bad.json'), '{ half');
      await expect(new FileProfileStore(join(dir, 'bad.json')).load()).resolves.toBe('{ half');
    });
  });

  describe('having a saved value preheat must not trust', () => {
    it('should warn about a corrupt profile and boot without it', async () => {
      const store = new MemoryStore();
      store.saved = '{ half';
      const { learned, warnings } = await run(store);
      expect(warnings).toEqual([expect.stringContaining('corrupt')]);
      expect(learned).toMatchObject({ profileBoots: 0, adjustments: [] });
      expect((store.saved as UsageProfile).boots).toBe(1); // replaced by a good one
    });

    it('should warn about a profile of another graph (foreign) and a stale format', async () => {
      const store = new MemoryStore();
      await run(store);
      const good = store.saved as UsageProfile;
      store.saved = { ...good, graphHash: 'g1-00000000-2' };
      expect((await run(store)).warnings).toEqual([expect.stringContaining('foreign')]);
      store.saved = { ...good, formatVersion: 0 };
      expect((await run(store)).warnings).toEqual([expect.stringContaining('stale')]);
      // the graph changed: another edge makes another hash
      store.saved = good;
      const changed = defs();
      changed[0] = { ...changed[0]!, optionalDependsOn: [] };
      changed.push({ token: 'cache', load: () => ({}) });
      expect((await run(store, changed)).warnings).toEqual([expect.stringContaining('foreign')]);
    });

    it("should tell code why readProfile refused a value: 'corrupt', 'stale' or 'foreign'", async () => {
      const store = new MemoryStore();
      await run(store);
      const good = store.saved as UsageProfile;
      const known = new Set(['config', 'db']);
      expect(readProfile(good, good.graphHash, known)).toEqual({ profile: good });
      expect(readProfile('{ half', good.graphHash, known).reason).toBe('corrupt');
      expect(readProfile({ ...good, format: 'other' }, good.graphHash, known).reason).toBe('corrupt');
      expect(readProfile({ ...good, boots: -1 }, good.graphHash, known).reason).toBe('corrupt');
      expect(readProfile({ ...good, formatVersion: 2 }, good.graphHash, known).reason).toBe('stale');
      expect(readProfile(good, 'g1-00000000-2', known)).toMatchObject({ reason: 'foreign', problem: expect.stringContaining('foreign') });
    });

    it('should ignore unknown components and unusable entries of a profile of this graph', async () => {
      const store = new MemoryStore();
      await run(store);
      const good = store.saved as UsageProfile;
      store.saved = {
        ...good,
        components: { ...good.components, ghost: { gets: 1, getAsyncs: 0, injections: 0, bootsUnused: 0 }, db: { gets: 'many' } },
        kinds: { k: { runs: 1, rows: { ghost: { hits: 1, misses: 0, consecutiveMisses: 0 }, db: { hits: 1, misses: 0, consecutiveMisses: 0 } } } },
      };
      const { warnings } = await run(store);
      expect(warnings).toEqual([]);
      const next = store.saved as UsageProfile;
      expect(Object.keys(next.components).sort()).toEqual(['config', 'db']);
      expect(next.components.db!.gets).toBe(0); // the unusable entry started afresh
      expect(Object.keys(next.kinds.k!.rows)).toEqual(['db']);
    });

    it('should turn a store that fails to load or save into warnings, never a failed boot', async () => {
      const store = new MemoryStore();
      store.failLoad = new Error('ECONNREFUSED');
      store.failSave = new Error('disk full');
      const { learned, warnings } = await run(store);
      expect(warnings).toContain('could not read the saved profile: ECONNREFUSED');
      expect(warnings).toContain('could not save the profile: disk full');
      expect(learned.warnings).toContain('could not read the saved profile: ECONNREFUSED');
    });
  });

  describe('mergeProfiles', () => {
    it('should merge a CI profile with a production one: counts add, averages weigh by boots, a kind adds its hits', async () => {
      const ci = new MemoryStore();
      await run(ci, defs(), (c) => c.get('db'));
      const prod = new MemoryStore();
      await run(prod, defs(), (c) => void [1, 2, 3].forEach(() => c.get('config')));
      await run(prod, defs(), (c) => c.get('config'));
      const merged = mergeProfiles(ci.saved as UsageProfile, prod.saved as UsageProfile);
      expect(merged.boots).toBe(3);
      expect(merged.components.db!.gets).toBe(1 + 0);
      expect(merged.components.config!.gets).toBe(3 * 0.5 + 1);
      expect(merged.components.db!.bootsUnused).toBe(0); // used in CI
      expect(merged.components.db!.loadMs).toBeCloseTo(40);
      const otherGraph = { ...(ci.saved as UsageProfile), graphHash: 'other' };
      expect(() => mergeProfiles(ci.saved as UsageProfile, otherGraph)).toThrow(InvalidOptionError);
      // the merged profile is one this graph accepts
      const store = new MemoryStore();
      store.saved = merged;
      expect((await run(store)).learned.profileBoots).toBe(3);
    });
  });

  it('should reject unusable profile options at construction', () => {
    expect(() => new Warmup(new Container(), { profile: { path: '' } })).toThrow(InvalidOptionError);
    expect(() => new Warmup(new Container(), { profile: { store: {} as ProfileStore } })).toThrow(/ProfileStore/);
    expect(() => new Warmup(new Container(), { profile: { decay: 2 } })).toThrow(/profile.decay/);
  });
});
