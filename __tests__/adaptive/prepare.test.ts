import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup, type ComponentDefinition } from '../../src/index.js';
import { settle } from '../helpers/settle.js';
import { MemoryStore } from './memoryStore.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('warmup.prepare(kind)', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  function items(prepared: string[]): ComponentDefinition[] {
    const deferred = (token: string): ComponentDefinition => ({
      token,
      priority: Priority.DEFERRED,
      adaptive: false, // used early and often, the advisor would promote them into the boot
      load: async () => (await sleep(100), { token }),
      prepare: async () => void prepared.push(token),
    });
    return [{ token: 'api', load: () => ({}) }, deferred('model'), deferred('spell'), deferred('rare'), deferred('never')];
  }

  it('should preload exactly the confident set, prepare the likely one, and drop a row after three misses in a row', async () => {
    const prepared: string[] = [];
    const store = new MemoryStore();
    const first = new Warmup(new Container(), { profile: { store } }).register(items(prepared));
    await settle(first.boot());
    const runs = [['model', 'spell', 'rare'], ['model'], ['model', 'spell'], ['model'], ['model']];
    for (const uses of runs) {
      await settle(first.track('chat', async () => {
        for (const token of uses) await first.getAsync(token);
      }));
    }
    await settle(first.shutdown());
    // spell: hit, miss, hit, miss, miss → 2/5 = 0.4 (prepare only); rare: three misses after its hit → dropped
    const second = new Warmup(new Container(), { profile: { store } }).register(items(prepared));
    await settle(second.boot());
    const prediction = second.prepare('chat');
    expect(prediction).toEqual({ kind: 'chat', preloaded: ['model'], prepared: ['spell'] });
    await jest.advanceTimersByTimeAsync(0);
    expect(prepared).toEqual(['spell']);
    expect(second.getStatus('model')).toBe('loading'); // in the background, before anyone asked
    await jest.advanceTimersByTimeAsync(100);
    expect(second.isReady('model')).toBe(true);
    expect(second.getStatus('rare')).toBe('pending');
    await settle(second.track('chat', () => void second.container.get('model')));
    expect(second.report().learned!.predictions).toEqual([{ kind: 'chat', preloaded: ['model'], prepared: ['spell'], used: ['model'] }]);
    // an unknown kind predicts nothing
    expect(second.prepare('unknown')).toEqual({ kind: 'unknown', preloaded: [], prepared: [] });
    await settle(second.shutdown());
  });

  it('should not preload what the boot loads, nor what is already warm', async () => {
    const store = new MemoryStore();
    const first = new Warmup(new Container(), { profile: { store } }).register(items([]));
    await settle(first.boot());
    for (let k = 0; k < 2; k++) await settle(first.track('chat', async () => void first.container.get('api')));
    await settle(first.shutdown());
    const second = new Warmup(new Container(), { profile: { store } }).register(items([]));
    await settle(second.boot());
    expect(second.prepare('chat').preloaded).toEqual([]); // api is a boot member, warm already
    await settle(second.shutdown());
  });

  it('should bound the kinds it remembers', async () => {
    const store = new MemoryStore();
    const warmup = new Warmup(new Container(), { profile: { store } }).register(items([]));
    await settle(warmup.boot());
    for (let k = 0; k < 100; k++) await settle(warmup.track(`kind-${k}`, () => void warmup.container.get('api')));
    await settle(warmup.shutdown());
    const kinds = Object.keys((store.saved as { kinds: object }).kinds);
    expect(kinds).toHaveLength(64);
    expect(kinds[63]).toBe('kind-99'); // the least recently used went first
  });
});
