import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Container } from 'inversify';
import { Priority, Warmup } from '../../src/index.js';

interface Workload {
  readonly size: number;
  readonly deps: number[][];
  readonly priority: Priority[];
  readonly duration: number[];
  readonly maxConcurrent: number;
  readonly memory: number[];
  readonly budget: number;
}

const workload: fc.Arbitrary<Workload> = fc.integer({ min: 1, max: 25 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    deps: fc.array(fc.uniqueArray(fc.nat(size - 1), { maxLength: 3 }), { minLength: size, maxLength: size })
      .map((lists) => lists.map((list, i) => list.filter((d) => d < i))), // a DAG: only lower indices
    priority: fc.array(fc.integer({ min: Priority.CRITICAL, max: Priority.LOW }), { minLength: size, maxLength: size }),
    duration: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: size, maxLength: size }),
    maxConcurrent: fc.integer({ min: 1, max: 6 }),
    memory: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: size, maxLength: size }),
    budget: fc.constantFrom(Infinity, 500, 1_000),
  }),
);

async function simulate(w: Workload, schedule: 'waves' | 'eager') {
  const start: number[] = [];
  const end: number[] = [];
  let running = 0;
  let memory = 0;
  let peak = 0;
  let overBudget = false;
  const warmup = new Warmup(new Container(), { schedule, maxConcurrent: w.maxConcurrent, memoryBudgetMb: w.budget });
  for (let i = 0; i < w.size; i++) {
    warmup.register({
      token: `c${i}`,
      priority: w.priority[i]!,
      dependsOn: w.deps[i]!.map((d) => `c${d}`),
      memoryMb: w.memory[i]!,
      load: async () => {
        start[i] = Date.now();
        running++;
        memory += w.memory[i]!;
        peak = Math.max(peak, running);
        if (memory > w.budget && running > 1) overBudget = true;
        await new Promise((r) => setTimeout(r, w.duration[i]));
        running--;
        memory -= w.memory[i]!;
        end[i] = Date.now();
        return i;
      },
    });
  }
  const booting = warmup.boot();
  let done = false;
  void booting.finally(() => (done = true));
  while (!done) await jest.advanceTimersByTimeAsync(1);
  const report = await booting;
  const effective = Array.from({ length: w.size }, (_, i) => report.components[`c${i}`]!.effectivePriority);
  return { start, end, peak, overBudget, effective, readyCount: report.readyCount };
}

describe.each(['eager', 'waves'] as const)('%s scheduling (properties, virtual time)', (schedule) => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('respects every edge, the concurrency limit and the memory budget, and prefers urgent work', async () => {
    await fc.assert(
      fc.asyncProperty(workload, async (w) => {
        const { start, end, peak, overBudget, effective, readyCount } = await simulate(w, schedule);
        expect(readyCount).toBe(w.size);
        expect(peak).toBeLessThanOrEqual(w.maxConcurrent);
        expect(overBudget).toBe(false);
        for (let i = 0; i < w.size; i++) for (const d of w.deps[i]!) expect(start[i]!).toBeGreaterThanOrEqual(end[d]!);
        // When i started, nothing more urgent had been ready (all deps done) and waiting since earlier.
        for (let i = 0; i < w.size; i++) {
          for (let j = 0; j < w.size; j++) {
            if (effective[j]! >= effective[i]!) continue;
            const readyAt = Math.max(0, ...w.deps[j]!.map((d) => end[d]!));
            const waiting = readyAt < start[i]! && start[j]! > start[i]!;
            if (waiting && w.budget === Infinity) expect({ started: `c${i}`, whileWaiting: `c${j}` }).toBeUndefined();
          }
        }
        if (schedule === 'waves') {
          // a wave starts only when every earlier wave has settled
          for (let i = 0; i < w.size; i++) {
            for (let j = 0; j < w.size; j++) {
              if (effective[j]! < effective[i]!) expect(start[i]!).toBeGreaterThanOrEqual(end[j]!);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
