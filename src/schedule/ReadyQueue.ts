/** What the {@link Dispatcher} needs of a ready queue: buckets by urgency (0 = most urgent). */
export interface ReadyQueueLike {
  push(bucket: number, item: number): void;
  /** The most urgent bucket at or below `limit` that holds something, or -1. */
  firstBucket(limit: number): number;
  peek(bucket: number): number;
  take(bucket: number): number;
  /** Empties every bucket and releases the storage. */
  clear(): void;
}

/**
 * FIFO queues by urgency bucket (0 = most urgent). `Array.shift` is O(n) on big arrays, so each
 * bucket keeps head and tail indices instead; a drained bucket rewinds to 0 but keeps its storage,
 * so a boot that fills and drains a bucket many times does not regrow it each time.
 */
export class ReadyQueue implements ReadyQueueLike {
  readonly #items: number[][];
  readonly #heads: number[];
  readonly #tails: number[];
  #size = 0;

  constructor(buckets: number) {
    this.#items = Array.from({ length: buckets }, () => []);
    this.#heads = new Array<number>(buckets).fill(0);
    this.#tails = new Array<number>(buckets).fill(0);
  }

  push(bucket: number, item: number): void {
    this.#items[bucket]![this.#tails[bucket]!++] = item;
    this.#size++;
  }

  /** The most urgent bucket at or below `limit` that holds something, or -1. */
  firstBucket(limit: number): number {
    if (this.#size === 0) return -1;
    for (let b = 0; b <= limit && b < this.#items.length; b++) {
      if (this.#heads[b]! < this.#tails[b]!) return b;
    }
    return -1;
  }

  peek(bucket: number): number {
    return this.#items[bucket]![this.#heads[bucket]!]!;
  }

  take(bucket: number): number {
    const item = this.#items[bucket]![this.#heads[bucket]!++]!;
    this.#size--;
    if (this.#heads[bucket] === this.#tails[bucket]) this.#heads[bucket] = this.#tails[bucket] = 0;
    return item;
  }

  /** Empties every bucket and releases the storage. */
  clear(): void {
    for (let b = 0; b < this.#items.length; b++) this.#items[b]!.length = 0;
    this.#heads.fill(0);
    this.#tails.fill(0);
    this.#size = 0;
  }
}
