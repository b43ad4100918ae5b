import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Dispatcher, type DispatcherConfig } from '../../../src/schedule/Dispatcher.js';

interface Harness {
  readonly dispatcher: Dispatcher;
  readonly started: number[];
  readonly oversized: number[];
  readonly memoryReads: number[];
}

function harness(options: Partial<Pick<DispatcherConfig, 'maxConcurrent' | 'memoryBudgetMb' | 'buckets'>> & {
  memory?: (item: number) => number;
  startable?: (item: number) => boolean;
  onStart?: (item: number, dispatcher: Dispatcher) => void;
} = {}): Harness {
  const started: number[] = [];
  const oversized: number[] = [];
  const memoryReads: number[] = [];
  const dispatcher: Dispatcher = new Dispatcher({
    maxConcurrent: options.maxConcurrent ?? Infinity,
    memoryBudgetMb: options.memoryBudgetMb ?? Infinity,
    buckets: options.buckets ?? 3,
    memoryOf: (item) => (memoryReads.push(item), options.memory?.(item) ?? 0),
    start: (item) => {
      started.push(item);
      options.onStart?.(item, dispatcher);
    },
    startable: (item) => options.startable?.(item) ?? true,
    oversize: (item) => oversized.push(item),
  });
  return { dispatcher, started, oversized, memoryReads };
}

describe('Dispatcher', () => {
  describe('having a concurrency limit', () => {
    it('should start at most maxConcurrent items, and the next one as each finishes', () => {
      const { dispatcher, started } = harness({ maxConcurrent: 2 });
      for (const item of [1, 2, 3, 4]) dispatcher.enqueue(0, item);
      expect(started).toEqual([1, 2]);
      expect(dispatcher.running).toBe(2);
      dispatcher.finished(2);
      expect(started).toEqual([1, 2, 3]);
      expect(dispatcher.running).toBe(2);
      dispatcher.finished(1);
      dispatcher.finished(3);
      expect(started).toEqual([1, 2, 3, 4]);
      expect(dispatcher.running).toBe(1);
      dispatcher.finished(4);
      expect(dispatcher.running).toBe(0);
    });

    it('should start what is queued, most urgent bucket first, FIFO within a bucket, when a slot frees', () => {
      const { dispatcher, started } = harness({ maxConcurrent: 1 });
      dispatcher.setLimit(2);
      dispatcher.enqueue(2, 20); // starts: the slot is free
      dispatcher.enqueue(2, 21);
      dispatcher.enqueue(1, 10);
      dispatcher.enqueue(0, 0);
      dispatcher.enqueue(1, 11);
      for (const item of [20, 0, 10, 11]) dispatcher.finished(item);
      expect(started).toEqual([20, 0, 10, 11, 21]);
    });
  });

  describe('having a wave limit', () => {
    it('should start only buckets up to the limit (0 at first), and what waits once it is raised', () => {
      const { dispatcher, started } = harness({ buckets: 3 });
      dispatcher.enqueue(1, 10);
      dispatcher.enqueue(2, 20);
      expect(started).toEqual([]);
      dispatcher.enqueue(0, 0);
      expect(started).toEqual([0]);
      dispatcher.setLimit(1);
      expect(started).toEqual([0, 10]);
      dispatcher.setLimit(2);
      expect(started).toEqual([0, 10, 20]);
    });
  });

  describe('having a memory budget', () => {
    it('should start an item that fits exactly, and hold the next until memory is freed', () => {
      const memory = new Map([
        [1, 60],
        [2, 40],
        [3, 30],
      ]);
      const { dispatcher, started, oversized } = harness({ memoryBudgetMb: 100, memory: (i) => memory.get(i)! });
      for (const item of [1, 2, 3]) dispatcher.enqueue(0, item);
      expect(started).toEqual([1, 2]); // 60 + 40 = 100: fits
      dispatcher.finished(2); // 60 + 30 fits
      expect(started).toEqual([1, 2, 3]);
      expect(oversized).toEqual([]);
    });

    it('should never let a small item overtake the head that does not fit', () => {
      const memory = new Map([
        [1, 70],
        [2, 50],
        [3, 10],
      ]);
      const { dispatcher, started } = harness({ memoryBudgetMb: 100, memory: (i) => memory.get(i)! });
      for (const item of [1, 2, 3]) dispatcher.enqueue(0, item);
      expect(started).toEqual([1]); // 3 would fit, but 2 is ahead of it
      dispatcher.finished(1);
      expect(started).toEqual([1, 2, 3]);
    });

    it('should run an item bigger than the whole budget alone, once nothing else runs, and say so', () => {
      const memory = new Map([
        [1, 10],
        [2, 500],
        [3, 10],
      ]);
      const { dispatcher, started, oversized } = harness({ memoryBudgetMb: 100, memory: (i) => memory.get(i)! });
      for (const item of [1, 2, 3]) dispatcher.enqueue(0, item);
      expect(started).toEqual([1]);
      expect(oversized).toEqual([]);
      dispatcher.finished(1);
      expect(started).toEqual([1, 2]);
      expect(oversized).toEqual([2]);
      expect(dispatcher.running).toBe(1);
      dispatcher.finished(2); // its 500 MB are given back: 3 fits again
      expect(started).toEqual([1, 2, 3]);
      expect(oversized).toEqual([2]);
    });

    it('should read no estimate at all without a budget', () => {
      const { dispatcher, started, memoryReads } = harness({ memory: () => 1e9 });
      dispatcher.enqueue(0, 1);
      dispatcher.enqueue(0, 2);
      dispatcher.finished(1);
      expect(started).toEqual([1, 2]);
      expect(memoryReads).toEqual([]);
    });
  });

  describe('having items that must not start', () => {
    it('should drop them from the queue without using a slot', () => {
      const { dispatcher, started } = harness({ maxConcurrent: 1, startable: (i) => i !== 2 });
      dispatcher.enqueue(0, 1);
      dispatcher.enqueue(0, 2);
      dispatcher.enqueue(0, 3);
      dispatcher.finished(1);
      expect(started).toEqual([1, 3]);
      expect(dispatcher.running).toBe(1);
      expect(dispatcher.queue.firstBucket(0)).toBe(-1);
    });
  });

  describe('having been stopped', () => {
    it('should forget the queue and start nothing more, even when slots free', () => {
      const { dispatcher, started } = harness({ maxConcurrent: 1 });
      dispatcher.enqueue(0, 1);
      dispatcher.enqueue(0, 2);
      dispatcher.stop();
      expect(dispatcher.queue.firstBucket(2)).toBe(-1);
      dispatcher.enqueue(0, 3);
      dispatcher.finished(1);
      dispatcher.setLimit(2);
      dispatcher.pump();
      expect(started).toEqual([1]);
      expect(dispatcher.running).toBe(0);
      expect(dispatcher.queue.firstBucket(2)).toBe(-1);
    });
  });

  describe('having a start that re-enters the dispatcher', () => {
    it('should not recurse: a load finishing inside its own start frees its slot for the next, in order', () => {
      let depth = 0;
      let deepest = 0;
      const { dispatcher, started } = harness({
        maxConcurrent: 1,
        onStart: (item, d) => {
          depth++;
          deepest = Math.max(deepest, depth);
          if (item === 1) d.enqueue(1, 4); // queued behind 2 and 3
          d.finished(item);
          depth--;
        },
      });
      for (const item of [1, 2, 3]) dispatcher.enqueue(1, item); // held by the wave limit
      expect(started).toEqual([]);
      dispatcher.setLimit(1);
      expect(started).toEqual([1, 2, 3, 4]);
      expect(deepest).toBe(1);
      expect(dispatcher.running).toBe(0);
    });
  });

  describe('under any sequence of enqueues, finishes and limits (property)', () => {
    type Op =
      | { readonly kind: 'enqueue'; readonly bucket: number; readonly memory: number; readonly startable: boolean }
      | { readonly kind: 'finish'; readonly pick: number }
      | { readonly kind: 'limit'; readonly limit: number };
    const buckets = 4;
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('enqueue' as const), bucket: fc.nat(buckets - 1), memory: fc.integer({ min: 0, max: 120 }), startable: fc.nat(9).map((n) => n > 0) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('finish' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('limit' as const), limit: fc.nat(buckets - 1) }) },
    );

    it('should never run more than maxConcurrent nor exceed the budget (but for one oversized item alone), start the head of the most urgent open bucket, and leave no fitting work waiting', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 4 }), fc.constantFrom(Infinity, 100, 150), fc.array(op, { maxLength: 120 }), (maxConcurrent, budget, ops) => {
          const memory: number[] = [];
          const startable: boolean[] = [];
          const model: number[][] = Array.from({ length: buckets }, () => []);
          const running = new Set<number>();
          let limit = 0;
          let used = 0;
          const oversized: number[] = [];
          const done = new Set<number>();
          const openHead = (): number | undefined => {
            for (let b = 0; b <= limit; b++) {
              const list = model[b]!;
              while (list.length > 0 && (!startable[list[0]!] || running.has(list[0]!) || done.has(list[0]!))) list.shift();
              if (list.length > 0) return list[0];
            }
            return undefined;
          };
          const dispatcher = new Dispatcher({
            maxConcurrent,
            memoryBudgetMb: budget,
            buckets,
            memoryOf: (i) => memory[i]!,
            startable: (i) => startable[i]!,
            oversize: (i) => oversized.push(i),
            start: (i) => {
              expect(openHead()).toBe(i);
              for (const list of model) if (list[0] === i) list.shift();
              expect(running.size).toBeLessThan(maxConcurrent);
              const fits = budget === Infinity || used + memory[i]! <= budget;
              expect(fits || running.size === 0).toBe(true);
              expect(oversized.includes(i)).toBe(!fits);
              running.add(i);
              if (budget !== Infinity) used += memory[i]!;
            },
          });
          for (const o of ops) {
            if (o.kind === 'enqueue') {
              const item = memory.length;
              memory.push(o.memory);
              startable.push(o.startable);
              model[o.bucket]!.push(item);
              dispatcher.enqueue(o.bucket, item);
            } else if (o.kind === 'finish') {
              if (running.size === 0) continue;
              const item = [...running][o.pick % running.size]!;
              running.delete(item);
              if (budget !== Infinity) used -= memory[item]!;
              done.add(item); // never again the head
              dispatcher.finished(item);
            } else {
              limit = o.limit;
              dispatcher.setLimit(o.limit);
            }
            // Work conservation: an open head that fits (or would run alone) has started.
            expect(dispatcher.running).toBe(running.size);
            const head = openHead();
            if (head !== undefined) {
              const blockedByMemory = budget !== Infinity && used + memory[head]! > budget && running.size > 0;
              expect(running.size === maxConcurrent || blockedByMemory).toBe(true);
            }
          }
        }),
      );
    });
  });
});
