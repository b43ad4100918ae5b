import { expect } from '@jest/globals';

/** What the ready queues of `src/schedule` share: buckets by urgency, each taken from its head. */
export interface BucketQueue {
  firstBucket(limit: number): number;
  peek(bucket: number): number;
  take(bucket: number): number;
}

/**
 * Takes everything at or below `limit`, most urgent bucket first, as [bucket, item] pairs; checks
 * on the way that each take returns what peek showed.
 */
export function drain(queue: BucketQueue, limit: number): [number, number][] {
  const out: [number, number][] = [];
  for (let b = queue.firstBucket(limit); b >= 0; b = queue.firstBucket(limit)) {
    const head = queue.peek(b);
    const taken = queue.take(b);
    expect(taken).toBe(head);
    out.push([b, taken]);
  }
  return out;
}
