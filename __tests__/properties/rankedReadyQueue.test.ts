import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RankedReadyQueue } from '../../src/schedule/RankedReadyQueue.js';

describe('RankedReadyQueue', () => {
  it('should hand out, bucket by bucket, the largest rank first and equal ranks in push order, interleaved with pushes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.record({ bucket: fc.integer({ min: 0, max: 2 }), item: fc.nat(39), take: fc.boolean() }), { maxLength: 120 }),
        (ranks, ops) => {
          const rank = Float64Array.from({ length: 40 }, (_, i) => ranks[i % ranks.length]!);
          const queue = new RankedReadyQueue(3, rank);
          const model: { bucket: number; item: number; seq: number }[] = [];
          let seq = 0;
          for (const op of ops) {
            if (op.take) {
              const bucket = queue.firstBucket(2);
              const expected = model.filter((e) => e.bucket === Math.min(...model.map((m) => m.bucket)));
              if (model.length === 0) {
                expect(bucket).toBe(-1);
                continue;
              }
              expected.sort((a, b) => rank[b.item]! - rank[a.item]! || a.seq - b.seq);
              expect(bucket).toBe(expected[0]!.bucket);
              expect(queue.peek(bucket)).toBe(expected[0]!.item);
              expect(queue.take(bucket)).toBe(expected[0]!.item);
              model.splice(model.indexOf(expected[0]!), 1);
            } else {
              queue.push(op.bucket, op.item);
              model.push({ bucket: op.bucket, item: op.item, seq: seq++ });
            }
          }
          queue.clear();
          expect(queue.firstBucket(2)).toBe(-1);
        },
      ),
    );
  });
});
