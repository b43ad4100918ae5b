import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ReadyQueue } from '../../../src/schedule/ReadyQueue.js';
import { drain } from '../../helpers/drainQueue.js';

type Op = { readonly kind: 'push'; readonly bucket: number; readonly item: number } | { readonly kind: 'take'; readonly limit: number };

describe('ReadyQueue', () => {
  describe('having nothing queued', () => {
    it('should have no first bucket, whatever the limit', () => {
      const queue = new ReadyQueue(5);
      expect(queue.firstBucket(4)).toBe(-1);
      expect(queue.firstBucket(100)).toBe(-1);
    });
  });

  describe('having items in several buckets', () => {
    it('should name the most urgent bucket at or below the limit, and -1 above what the limit allows', () => {
      const queue = new ReadyQueue(5);
      queue.push(3, 30);
      queue.push(1, 10);
      expect(queue.firstBucket(4)).toBe(1);
      expect(queue.firstBucket(1)).toBe(1); // the limit is inclusive
      expect(queue.firstBucket(0)).toBe(-1);
      expect(queue.take(1)).toBe(10);
      expect(queue.firstBucket(2)).toBe(-1);
      expect(queue.firstBucket(3)).toBe(3);
    });

    it('should not look past its last bucket when the limit is larger', () => {
      const queue = new ReadyQueue(2);
      queue.push(1, 7);
      expect(queue.firstBucket(10)).toBe(1);
    });
  });

  describe('having a bucket drained and refilled', () => {
    it('should keep FIFO order across the rewind', () => {
      const queue = new ReadyQueue(1);
      queue.push(0, 1);
      queue.push(0, 2);
      expect(queue.take(0)).toBe(1);
      expect(queue.take(0)).toBe(2);
      expect(queue.firstBucket(0)).toBe(-1);
      queue.push(0, 3);
      queue.push(0, 4);
      expect(queue.peek(0)).toBe(3);
      expect(drain(queue, 0)).toEqual([
        [0, 3],
        [0, 4],
      ]);
    });

    it('should keep FIFO order when pushed while partly taken', () => {
      const queue = new ReadyQueue(1);
      queue.push(0, 1);
      queue.push(0, 2);
      expect(queue.take(0)).toBe(1);
      queue.push(0, 3);
      expect(drain(queue, 0).map(([, item]) => item)).toEqual([2, 3]);
    });
  });

  describe('having been cleared', () => {
    it('should hold nothing and start again from empty buckets', () => {
      const queue = new ReadyQueue(3);
      queue.push(0, 1);
      queue.push(2, 2);
      queue.take(0);
      queue.clear();
      expect(queue.firstBucket(2)).toBe(-1);
      queue.push(2, 9);
      expect(drain(queue, 2)).toEqual([[2, 9]]);
    });
  });

  it('should behave as a list per bucket, most urgent bucket first, FIFO within one (property)', () => {
    const buckets = 5;
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), bucket: fc.nat(buckets - 1), item: fc.nat(1_000) }),
      fc.record({ kind: fc.constant('take' as const), limit: fc.integer({ min: -1, max: buckets + 1 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const queue = new ReadyQueue(buckets);
        const model: number[][] = Array.from({ length: buckets }, () => []);
        for (const o of ops) {
          if (o.kind === 'push') {
            queue.push(o.bucket, o.item);
            model[o.bucket]!.push(o.item);
            continue;
          }
          const expected = model.findIndex((list, b) => b <= o.limit && list.length > 0);
          expect(queue.firstBucket(o.limit)).toBe(expected);
          if (expected >= 0) {
            expect(queue.peek(expected)).toBe(model[expected]![0]);
            expect(queue.take(expected)).toBe(model[expected]!.shift());
          }
        }
        expect(drain(queue, buckets - 1)).toEqual(model.flatMap((list, b) => list.map((item) => [b, item])));
      }),
    );
  });
});
