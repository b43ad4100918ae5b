import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup, type BootReport, type ComponentDefinition } from '../../src/index.js';
import { settle } from '../helpers/settle.js';
import { MemoryStore } from './memoryStore.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Boots once with `items`, lets `use` exercise it, shuts down; returns the boot report. */
async function boot(store: MemoryStore, items: ComponentDefinition[], use: (w: Warmup) => Promise<void> | void = () => {}, options = {}): Promise<BootReport> {
  const warmup = new Warmup(new Container(), { profile: { store }, ...options }).register(items);
  const report = await settle(warmup.boot());
  await use(warmup);
  await settle(warmup.shutdown());
  return report;
}

const def = (token: string, priority: Priority, extra: Partial<ComponentDefinition> = {}): ComponentDefinition => ({ token, priority, load: async () => (await sleep(10), { token }), ...extra });
const getMany = (token: string, times = 6) => (w: Warmup) => {
  for (let k = 0; k < times; k++) w.container.get(token);
};

describe('learned priorities', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  it('should promote a component used early and often, one step per boot, and say why', async () => {
    const store = new MemoryStore();
    const items = () => [def('search', Priority.LOW), def('other', Priority.MEDIUM)];
    const use = (w: Warmup) => {
      getMany('search')(w);
      w.container.get('other');
    };
    const first = await boot(store, items(), use);
    expect(first.learned!.adjustments).toEqual([]);
    const second = await boot(store, items(), use);
    expect(second.learned!.adjustments).toEqual([{ name: 'search', from: 'LOW', to: 'MEDIUM', reason: 'used early and often: 6 uses per boot, first 0 ms after ready' }]);
    expect(second.components.search!.effectivePriority).toBe(Priority.MEDIUM);
    const third = await boot(store, items(), use);
    expect(third.learned!.adjustments[0]).toMatchObject({ name: 'search', to: 'HIGH' });
    const fourth = await boot(store, items(), use);
    // the default bound: never promoted into CRITICAL
    expect(fourth.learned!.adjustments[0]).toMatchObject({ name: 'search', to: 'HIGH' });
    expect(fourth.components.search!.wave).toBe(Priority.HIGH);
  });

  it('should not promote a component used late, however often', async () => {
    const store = new MemoryStore();
    const items = () => [def('batch', Priority.LOW)];
    const late = async (w: Warmup) => {
      await jest.advanceTimersByTimeAsync(5_000);
      getMany('batch', 20)(w);
    };
    await boot(store, items(), late);
    expect((await boot(store, items(), late)).learned!.adjustments).toEqual([]);
  });

  it('should demote a component unused for three boots toward DEFERRED, and bring it back once used', async () => {
    const store = new MemoryStore();
    const items = () => [def('reports', Priority.MEDIUM), def('api', Priority.HIGH, { required: true })];
    const useApi = (w: Warmup) => void w.container.get('api');
    for (let k = 0; k < 3; k++) expect((await boot(store, items(), useApi)).learned!.adjustments).toEqual([]);
    const fourth = await boot(store, items(), useApi);
    expect(fourth.learned!.adjustments).toEqual([{ name: 'reports', from: 'MEDIUM', to: 'LOW', reason: 'unused for 3 boots' }]);
    const fifth = await boot(store, items(), useApi);
    expect(fifth.learned!.adjustments[0]).toMatchObject({ to: 'DEFERRED' });
    expect(fifth.components.reports!.status).toBe('pending'); // not booted: loads on demand
    // used again (on demand): back toward its own priority
    const sixth = await boot(store, items(), async (w) => void (await settle(w.getAsync('reports'))));
    expect(sixth.learned!.adjustments[0]).toMatchObject({ to: 'DEFERRED' });
    const seventh = await boot(store, items());
    expect(seventh.learned!.adjustments[0]).toMatchObject({ to: 'LOW', reason: expect.stringContaining('used again') });
  });

  it('should keep within adaptive bounds, never move a pinned one, never demote a required CRITICAL one', async () => {
    const store = new MemoryStore();
    const items = () => [
      def('bounded', Priority.MEDIUM, { adaptive: { max: Priority.LOW } }),
      def('pinned', Priority.MEDIUM, { adaptive: false }),
      def('auth', Priority.CRITICAL, { required: true }),
      def('optionalCritical', Priority.CRITICAL, { required: false }),
    ];
    let last: BootReport | undefined;
    for (let k = 0; k < 7; k++) last = await boot(store, items());
    const moved = Object.fromEntries(last!.learned!.adjustments.map((a) => [a.name, a.to]));
    expect(moved).toEqual({ bounded: 'LOW', optionalCritical: 'DEFERRED' });
    expect(last!.components.auth!.wave).toBe(Priority.CRITICAL);
    expect(last!.components.pinned!.wave).toBe(Priority.MEDIUM);
  });

  it('should keep priority inversion: a demoted dependency of a booting component still loads before it, in its wave', async () => {
    const store = new MemoryStore();
    const items = () => [def('lib', Priority.LOW), def('api', Priority.HIGH, { dependsOn: ['lib'] })];
    let last: BootReport | undefined;
    for (let k = 0; k < 6; k++) last = await boot(store, items(), (w) => void w.container.get('api'));
    expect(last!.learned!.adjustments).toEqual([{ name: 'lib', from: 'LOW', to: 'DEFERRED', reason: 'unused for 5 boots (kept within its bounds HIGH…DEFERRED)' }]);
    expect(last!.components.lib).toMatchObject({ status: 'ready', effectivePriority: Priority.HIGH });
    expect(last!.components.lib!.finishedAt!).toBeLessThanOrEqual(last!.components.api!.startedAt!);
  });

  it('should never exceed the memory budget with promoted components', async () => {
    const store = new MemoryStore();
    let running = 0;
    let peak = 0;
    const heavy = (token: string, priority: Priority): ComponentDefinition => ({
      token,
      priority,
      memoryMb: 300,
      load: async () => {
        running += 300;
        peak = Math.max(peak, running);
        await sleep(50);
        running -= 300;
        return {};
      },
    });
    const items = () => [heavy('a', Priority.HIGH), heavy('b', Priority.LOW), heavy('c', Priority.LOW), heavy('d', Priority.MEDIUM)];
    const use = (w: Warmup) => ['b', 'c'].forEach((t) => getMany(t)(w));
    for (let k = 0; k < 3; k++) await boot(store, items(), use, { memoryBudgetMb: 600 });
    const report = await boot(store, items(), use, { memoryBudgetMb: 600 });
    expect(report.learned!.adjustments.map((a) => `${a.name}:${a.to}`)).toEqual(['a:MEDIUM', 'b:HIGH', 'c:HIGH', 'd:LOW']);
    expect(peak).toBe(600);
  });

  it('should learn but boot with the declared priorities under apply: false', async () => {
    const store = new MemoryStore();
    const items = () => [def('search', Priority.LOW)];
    await boot(store, items(), getMany('search'), { profile: { store, apply: false } });
    const second = await boot(store, items(), getMany('search'), { profile: { store, apply: false } });
    expect(second.learned).toMatchObject({ adjustments: [], durationAware: false, profileBoots: 1 });
    expect(second.components.search!.wave).toBe(Priority.LOW);
  });
});
