import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Container } from 'inversify';
import { Priority, Warmup, type ComponentEvent } from '../../src/index.js';
import { MemoryStore } from '../adaptive/memoryStore.js';
import { settle } from '../helpers/settle.js';

interface Workload {
  readonly size: number;
  readonly deps: number[][];
  readonly priority: Priority[];
  readonly duration: number[];
  readonly maxConcurrent: number;
  readonly schedule: 'waves' | 'eager';
}

const workload: fc.Arbitrary<Workload> = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    deps: fc
      .array(fc.uniqueArray(fc.nat(size - 1), { maxLength: 3 }), { minLength: size, maxLength: size })
      .map((lists) => lists.map((list, i) => list.filter((d) => d < i))),
    priority: fc.array(fc.integer({ min: Priority.CRITICAL, max: Priority.LOW }), { minLength: size, maxLength: size }),
    duration: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: size, maxLength: size }),
    maxConcurrent: fc.integer({ min: 1, max: 5 }),
    schedule: fc.constantFrom('waves' as const, 'eager' as const),
  }),
);

/** Boots the workload once on `store`; returns the problems seen in the order of status events. */
async function boot(w: Workload, store: MemoryStore): Promise<{ problems: string[]; durationAware: boolean }> {
  const warmup = new Warmup(new Container(), { schedule: w.schedule, maxConcurrent: w.maxConcurrent, profile: { store } });
  for (let i = 0; i < w.size; i++) {
    warmup.register({
      token: `c${i}`,
      priority: w.priority[i]!,
      adaptive: false, // priorities fixed: this checks the order inside them
      dependsOn: w.deps[i]!.map((d) => `c${d}`),
      load: () => new Promise((resolve) => setTimeout(resolve, w.duration[i])),
    });
  }
  const events: ComponentEvent[] = [];
  warmup.events$.subscribe((e) => {
    if (e.type === 'status') events.push(e);
  });
  const report = await settle(warmup.boot(), 5, 100_000);
  await settle(warmup.shutdown());
  const wave = (i: number): number => report.components[`c${i}`]!.wave;
  const index = (name: string): number => Number(name.slice(1));
  const problems: string[] = [];
  const started = new Set<number>();
  const done = new Set<number>();
  /** The settle after which each component was ready to start (its last dependency's). */
  const readySince = new Map<number, number>();
  let settles = 0;
  let running = 0;
  const release = (): void => {
    for (let i = 0; i < w.size; i++) if (!readySince.has(i) && w.deps[i]!.every((d) => done.has(d))) readySince.set(i, settles);
  };
  release();
  for (const e of events) {
    const i = index(e.name);
    if (e.status === 'loading') {
      running++;
      if (running > w.maxConcurrent) problems.push(`${running} running > maxConcurrent ${w.maxConcurrent}`);
      for (const d of w.deps[i]!) if (!done.has(d)) problems.push(`c${i} started before its dependency c${d} settled`);
      for (let y = 0; y < w.size; y++) {
        if (started.has(y) || y === i || wave(y) >= wave(i)) continue;
        if (w.schedule === 'waves') problems.push(`c${i} (wave ${wave(i)}) started before c${y} of wave ${wave(y)}`);
        else if ((readySince.get(y) ?? Infinity) < settles) problems.push(`c${i} (wave ${wave(i)}) started while c${y} (wave ${wave(y)}) was waiting`);
      }
      started.add(i);
    } else if (e.status === 'ready') {
      running--;
      done.add(i);
      settles++;
      release();
    }
  }
  if (done.size !== w.size) problems.push(`${done.size} of ${w.size} settled`);
  return { problems, durationAware: report.learned!.durationAware };
}

describe('duration-aware ordering (property)', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  it('should never violate dependencies, priorities or waves, nor exceed maxConcurrent, with or without learned load times', async () => {
    await fc.assert(
      fc.asyncProperty(workload, async (w) => {
        const store = new MemoryStore();
        const first = await boot(w, store); // no profile: FIFO
        const second = await boot(w, store); // learned load times: longest remaining path first
        expect(first).toEqual({ problems: [], durationAware: false });
        expect(second).toEqual({ problems: [], durationAware: true });
      }),
      { numRuns: 60 },
    );
  });
});
