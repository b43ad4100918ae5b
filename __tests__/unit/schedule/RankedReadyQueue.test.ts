import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RankedReadyQueue } from '../../../src/schedule/RankedReadyQueue.js';
import { drain } from '../../helpers/drainQueue.js';

/** A queue over items 0..ranks.length-1, item i having rank ranks[i]. */
function queueOf(buckets: number, ranks: readonly number[]): RankedReadyQueue {
  return new RankedReadyQueue(buckets, Float64Array.from(ranks));
}

type Op =
  | { readonly kind: 'push'; readonly bucket: number; readonly rank: number }
  | { readonly kind: 'take'; readonly limit: number }
  | { readonly kind: 'clear' };

interface Entry {
  readonly bucket: number;
  readonly rank: number;
  readonly seq: number;
  readonly item: number;
}

/** The reference: a plain list, the head of a bucket being its largest rank, earliest push among equals. */
function head(model: readonly Entry[], bucket: number): Entry | undefined {
  let best: Entry | undefined;
  for (const e of model) {
    if (e.bucket !== bucket) continue;
    if (best === undefined || e.rank > best.rank || (e.rank === best.rank && e.seq < best.seq)) best = e;
  }
  return best;
}

describe('RankedReadyQueue', () => {
  describe('having nothing queued', () => {
    it('should have no first bucket, whatever the limit', () => {
      const queue = queueOf(3, [1]);
      expect(queue.firstBucket(-1)).toBe(-1);
      expect(queue.firstBucket(0)).toBe(-1);
      expect(queue.firstBucket(2)).toBe(-1);
      expect(queue.firstBucket(100)).toBe(-1);
    });

    it('should have no first bucket once what was pushed has been taken, and one again after the next push', () => {
      const queue = queueOf(2, [1, 2]);
      queue.push(1, 0);
      expect(queue.take(1)).toBe(0);
      expect(queue.firstBucket(1)).toBe(-1);
      queue.push(0, 1);
      expect(queue.firstBucket(1)).toBe(0);
      expect(queue.take(0)).toBe(1);
      expect(queue.firstBucket(1)).toBe(-1);
    });
  });

  describe('having items only in buckets above the limit', () => {
    it('should have no first bucket, -1 and not a bucket past the limit', () => {
      const queue = queueOf(4, [5, 6]);
      queue.push(2, 0);
      queue.push(3, 1);
      expect(queue.firstBucket(1)).toBe(-1);
      expect(queue.firstBucket(0)).toBe(-1);
      expect(queue.firstBucket(-1)).toBe(-1);
      expect(queue.firstBucket(2)).toBe(2); // the limit is inclusive
      expect(queue.firstBucket(10)).toBe(2);
    });
  });

  describe('having several items in one bucket', () => {
    it('should hand out the largest rank first and equal ranks in push order', () => {
      //                  item: 0  1  2  3  4  5  6
      const queue = queueOf(1, [1, 3, 1, 3, 0, 2, 3]);
      for (let item = 0; item < 7; item++) queue.push(0, item);
      expect(drain(queue, 0).map(([, item]) => item)).toEqual([1, 3, 6, 5, 0, 2, 4]);
    });

    it('should move the last entry down to the right child when that one goes first', () => {
      // Item i has rank i. Pushing 3, 1, 2, 0 gives the heap 3 / 1, 2 / 0: taking 3 moves 0 to the
      // root, and 2, the right child, must come up rather than 1.
      const queue = queueOf(1, [0, 1, 2, 3]);
      for (const item of [3, 1, 2, 0]) queue.push(0, item);
      expect(queue.take(0)).toBe(3);
      expect(queue.peek(0)).toBe(2);
      expect(drain(queue, 0).map(([, item]) => item)).toEqual([2, 1, 0]);
    });

    it('should keep pushing order among equal ranks after the heap is reshuffled many times', () => {
      const ranks = Array.from({ length: 40 }, (_, i) => i % 2);
      const queue = queueOf(1, ranks);
      for (let item = 0; item < 40; item++) queue.push(0, item);
      const odd = Array.from({ length: 20 }, (_, i) => 2 * i + 1);
      const even = Array.from({ length: 20 }, (_, i) => 2 * i);
      expect(drain(queue, 0).map(([, item]) => item)).toEqual([...odd, ...even]);
    });
  });

  describe('having been cleared', () => {
    it('should hold nothing and start again from empty buckets', () => {
      const queue = queueOf(3, [1, 2, 3]);
      queue.push(0, 0);
      queue.push(2, 1);
      queue.clear();
      expect(queue.firstBucket(2)).toBe(-1);
      queue.push(2, 2);
      queue.push(2, 0);
      expect(drain(queue, 2)).toEqual([
        [2, 2],
        [2, 0],
      ]);
    });
  });

  it('should match a sorted-list model through random pushes, takes and clears, ties frequent (property)', () => {
    const buckets = 3;
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('push' as const), bucket: fc.nat(buckets - 1), rank: fc.nat(3) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant('take' as const), limit: fc.integer({ min: -1, max: buckets + 1 }) }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 250 }), (ops) => {
        // One item per push (its index), so every returned value names exactly one entry.
        const ranks = ops.map((o) => (o.kind === 'push' ? o.rank : 0));
        const queue = queueOf(buckets, ranks);
        let model: Entry[] = [];
        let seq = 0;
        const check = (): void => {
          for (let limit = -1; limit <= buckets + 1; limit++) {
            const nonEmpty = model.filter((e) => e.bucket <= limit).map((e) => e.bucket);
            expect(queue.firstBucket(limit)).toBe(nonEmpty.length === 0 ? -1 : Math.min(...nonEmpty));
          }
          for (let b = 0; b < buckets; b++) {
            const top = head(model, b);
            if (top !== undefined) expect(queue.peek(b)).toBe(top.item);
          }
        };
        ops.forEach((o, index) => {
          if (o.kind === 'push') {
            queue.push(o.bucket, index);
            model.push({ bucket: o.bucket, rank: o.rank, seq: seq++, item: index });
          } else if (o.kind === 'clear') {
            queue.clear();
            model = [];
          } else {
            const b = queue.firstBucket(o.limit);
            const inReach = model.filter((e) => e.bucket <= o.limit).map((e) => e.bucket);
            expect(b).toBe(inReach.length === 0 ? -1 : Math.min(...inReach));
            if (b >= 0) {
              const top = head(model, b)!;
              expect(queue.take(b)).toBe(top.item);
              model.splice(model.indexOf(top), 1);
            }
          }
          check();
        });
        // Drain what is left: every entry, bucket by bucket, in (-rank, seq) order.
        const expected = [...model]
          .sort((x, y) => x.bucket - y.bucket || y.rank - x.rank || x.seq - y.seq)
          .map((e): [number, number] => [e.bucket, e.item]);
        expect(drain(queue, buckets - 1)).toEqual(expected);
        expect(queue.firstBucket(buckets - 1)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('should match the model on one heap of depth 6 and more, pushed to, taken from and drained with ties (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 63, maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (ranks, interleave) => {
        const queue = queueOf(1, ranks);
        const model: Entry[] = [];
        let next = 0;
        const take = (): void => {
          const top = head(model, 0)!;
          expect(queue.peek(0)).toBe(top.item);
          expect(queue.take(0)).toBe(top.item);
          model.splice(model.indexOf(top), 1);
        };
        // 63 entries first (a heap of depth 6), then pushes and takes mixed, then the rest, then drain.
        for (; next < 63; next++) {
          queue.push(0, next);
          model.push({ bucket: 0, rank: ranks[next]!, seq: next, item: next });
        }
        for (const t of interleave) {
          if (t && model.length > 0) take();
          else if (next < ranks.length) {
            queue.push(0, next);
            model.push({ bucket: 0, rank: ranks[next]!, seq: next, item: next });
            next++;
          }
        }
        for (; next < ranks.length; next++) {
          queue.push(0, next);
          model.push({ bucket: 0, rank: ranks[next]!, seq: next, item: next });
        }
        while (model.length > 0) take();
        expect(queue.firstBucket(0)).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });
});
