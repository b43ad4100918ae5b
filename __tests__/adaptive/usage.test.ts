import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup, type ComponentDefinition, type UsageProfile } from '../../src/index.js';
import { settle } from '../helpers/settle.js';
import { MemoryStore } from './memoryStore.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const timed = (token: string, ms: number, extra: Partial<ComponentDefinition> = {}): ComponentDefinition => ({ token, load: async () => (await sleep(ms), { token }), ...extra });

describe('usage recording', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  async function bootOnce(store: MemoryStore, use: (warmup: Warmup, container: Container) => Promise<void>): Promise<UsageProfile> {
    const container = new Container();
    const warmup = new Warmup(container, { profile: { store } }).register(
      timed('config', 100),
      timed('db', 300, { dependsOn: ['config'] }),
      timed('model', 50, { priority: Priority.DEFERRED }),
    );
    await settle(warmup.boot());
    await use(warmup, container);
    await settle(warmup.shutdown());
    return store.saved as UsageProfile;
  }

  describe('having a profile store', () => {
    it('should count gets, getAsyncs and injections, and time the first use from ready', async () => {
      const store = new MemoryStore();
      const profile = await bootOnce(store, async (warmup, container) => {
        await jest.advanceTimersByTimeAsync(250);
        for (let k = 0; k < 3; k++) container.get('db');
        await settle(warmup.getAsync('model'));
      });
      expect(profile.boots).toBe(1);
      expect(profile.components.db).toMatchObject({ gets: 3, getAsyncs: 0, firstUseMs: 250, bootsUnused: 0, loadMs: 300 });
      expect(profile.components.model).toMatchObject({ gets: 0, getAsyncs: 1, bootsUnused: 0, loadMs: 50 });
      expect(profile.components.config).toMatchObject({ gets: 0, injections: 1, bootsUnused: 1, loadMs: 100 });
      expect(profile.components.config!.firstUseMs).toBeUndefined();
    });

    it('should decay counts and average load times across boots', async () => {
      const store = new MemoryStore();
      await bootOnce(store, async (_, container) => void [1, 2, 3, 4].forEach(() => container.get('db')));
      const second = await bootOnce(store, async (_, container) => void container.get('db'));
      expect(second.boots).toBe(2);
      expect(second.components.db!.gets).toBe(4 * 0.5 + 1);
      expect(second.components.config!.bootsUnused).toBe(2);
    });

    it('should save when the boot is ready and at shutdown, counting the boot once', async () => {
      const store = new MemoryStore();
      const container = new Container();
      const warmup = new Warmup(container, { profile: { store, saveInterval: 1_000 } }).register(timed('db', 10));
      await settle(warmup.boot());
      await jest.advanceTimersByTimeAsync(0);
      expect(store.saves).toBe(1);
      container.get('db');
      await jest.advanceTimersByTimeAsync(2_100);
      expect(store.saves).toBe(3); // ready + two periodic saves
      await settle(warmup.shutdown());
      expect(store.saves).toBe(4);
      const profile = store.saved as UsageProfile;
      expect(profile.boots).toBe(1);
      expect(profile.components.db!.gets).toBe(1);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(store.saves).toBe(4); // the periodic save stopped at shutdown
    });
  });

  describe('track(kind, fn)', () => {
    it('should record per kind, keep concurrent kinds apart and count nested uses for the outer kind', async () => {
      const store = new MemoryStore();
      const profile = await bootOnce(store, async (warmup, container) => {
        const search = warmup.track('search', async () => {
          await sleep(10);
          container.get('db');
          await warmup.track('rank', async () => {
            await sleep(5);
            await warmup.getAsync('model');
          });
        });
        const health = warmup.track('health', async () => {
          await sleep(3);
          container.get('config');
        });
        await settle(Promise.all([search, health]));
      });
      expect(Object.keys(profile.kinds.search!.rows).sort()).toEqual(['db', 'model']);
      expect(Object.keys(profile.kinds.rank!.rows)).toEqual(['model']);
      expect(Object.keys(profile.kinds.health!.rows)).toEqual(['config']);
      expect(profile.kinds.search!.runs).toBe(1);
    });

    it("should return fn's value and pass on its rejection", async () => {
      const warmup = new Warmup(new Container());
      await expect(warmup.track('k', () => 42)).resolves.toBe(42);
      await expect(warmup.track('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    });
  });
});
