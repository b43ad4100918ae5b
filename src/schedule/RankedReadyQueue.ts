import type { ReadyQueueLike } from './ReadyQueue.js';

/**
 * The ready queue when load times are known (a learned profile): per urgency bucket, a binary
 * max-heap on `rank` (the longest remaining path, see `adaptive/remainingPaths.ts`), FIFO among
 * equal ranks. Buckets still go most urgent first, so priorities and waves hold exactly as with
 * the FIFO {@link ReadyQueue}; only the order inside a bucket changes. O(log n) per push and take.
 * Entries are (item, sequence) pairs in one flat array per bucket: no object per entry.
 */
export class RankedReadyQueue implements ReadyQueueLike {
  readonly #heaps: number[][];
  #size = 0;
  #seq = 0;

  constructor(
    buckets: number,
    private readonly rank: Float64Array,
  ) {
    this.#heaps = Array.from({ length: buckets }, () => []);
  }

  push(bucket: number, item: number): void {
    const heap = this.#heaps[bucket]!;
    let k = heap.length >> 1;
    heap.push(item, this.#seq++);
    while (k > 0) {
      const parent = ((k - 1) >> 1) << 1;
      const at = k << 1;
      if (!this.#before(heap, at, parent)) break;
      swap(heap, at, parent);
      k = parent >> 1;
    }
    this.#size++;
  }

  firstBucket(limit: number): number {
    if (this.#size === 0) return -1;
    for (let b = 0; b <= limit && b < this.#heaps.length; b++) if (this.#heaps[b]!.length > 0) return b;
    return -1;
  }

  peek(bucket: number): number {
    return this.#heaps[bucket]![0]!;
  }

  take(bucket: number): number {
    const heap = this.#heaps[bucket]!;
    const item = heap[0]!;
    const lastSeq = heap.pop()!;
    const lastItem = heap.pop()!;
    this.#size--;
    if (heap.length === 0) return item;
    heap[0] = lastItem;
    heap[1] = lastSeq;
    const n = heap.length >> 1;
    let k = 0;
    for (;;) {
      const left = 2 * k + 1;
      if (left >= n) break;
      let child = left;
      if (left + 1 < n && this.#before(heap, (left + 1) << 1, left << 1)) child = left + 1;
      if (!this.#before(heap, child << 1, k << 1)) break;
      swap(heap, child << 1, k << 1);
      k = child;
    }
    return item;
  }

  clear(): void {
    for (const heap of this.#heaps) heap.length = 0;
    this.#size = 0;
  }

  /** True when the entry at `a` goes before the one at `b`: larger rank, then earlier push. */
  #before(heap: number[], a: number, b: number): boolean {
    const ra = this.rank[heap[a]!]!;
    const rb = this.rank[heap[b]!]!;
    return ra > rb || (ra === rb && heap[a + 1]! < heap[b + 1]!);
  }
}

function swap(heap: number[], a: number, b: number): void {
  const item = heap[a]!;
  const seq = heap[a + 1]!;
  heap[a] = heap[b]!;
  heap[a + 1] = heap[b + 1]!;
  heap[b] = item;
  heap[b + 1] = seq;
}
