/**
 * FIFO queues by urgency bucket (0 = most urgent). `Array.shift` is O(n) on big arrays, so each
 * bucket keeps a head index instead and is reset when drained.
 */
export class ReadyQueue {
  readonly #items: number[][];
  readonly #heads: number[];
  #size = 0;

  constructor(buckets: number) {
    this.#items = Array.from({ length: buckets }, () => []);
    this.#heads = new Array<number>(buckets).fill(0);
  }

  push(bucket: number, item: number): void {
    this.#items[bucket]!.push(item);
    this.#size++;
  }

  /** The most urgent bucket at or below `limit` that holds something, or -1. */
  firstBucket(limit: number): number {
    if (this.#size === 0) return -1;
    for (let b = 0; b <= limit && b < this.#items.length; b++) {
      if (this.#heads[b]! < this.#items[b]!.length) return b;
    }
    return -1;
  }

  peek(bucket: number): number {
    return this.#items[bucket]![this.#heads[bucket]!]!;
  }

  take(bucket: number): number {
    const items = this.#items[bucket]!;
    const item = items[this.#heads[bucket]!++]!;
    this.#size--;
    if (this.#heads[bucket] === items.length) {
      items.length = 0;
      this.#heads[bucket] = 0;
    }
    return item;
  }

  clear(): void {
    for (const items of this.#items) items.length = 0;
    this.#heads.fill(0);
    this.#size = 0;
  }
}
