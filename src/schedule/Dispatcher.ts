import { RankedReadyQueue } from './RankedReadyQueue.js';
import { ReadyQueue, type ReadyQueueLike } from './ReadyQueue.js';

/** What the {@link Dispatcher} needs to know and do. */
export interface DispatcherConfig {
  /** Loads at once at most; Infinity for no limit. */
  readonly maxConcurrent: number;
  /** Sum of `memoryMb` of the loads running at once at most; Infinity for no budget. */
  readonly memoryBudgetMb: number;
  readonly buckets: number;
  /**
   * Longest remaining path per item, from learned load times: inside a bucket the largest goes
   * first (a heap). Undefined (no profile): FIFO buckets, which cost nothing more.
   */
  readonly rank?: Float64Array | undefined;
  memoryOf(item: number): number;
  /** Starts a load; the caller reports its end through {@link Dispatcher.finished}. */
  start(item: number): void;
  /** False for an item that must not start (already started through another queue entry, or settled). */
  startable(item: number): boolean;
  /** Told when an item whose estimate alone exceeds the budget is started alone. */
  oversize(item: number): void;
}

/**
 * Starts ready items, most urgent bucket first and FIFO within a bucket (or longest remaining path
 * first, with learned load times), while a concurrency slot and
 * the memory budget allow. Both limits hold together. An item bigger than the whole budget waits
 * until nothing else runs, then runs alone, so it never deadlocks. The head of the queue is never
 * overtaken, so a big item is not starved by small ones.
 */
export class Dispatcher {
  readonly queue: ReadyQueueLike;
  #running = 0;
  #memory = 0;
  #limit = 0;
  #stopped = false;
  #pumping = false;
  /** Above 0 while a settle releases its dependents: they are queued, then started together. */
  #held = 0;
  /** False when there is no memory budget: no estimate is read at all. */
  readonly #budgeted: boolean;

  constructor(private readonly config: DispatcherConfig) {
    this.queue = config.rank === undefined ? new ReadyQueue(config.buckets) : new RankedReadyQueue(config.buckets, config.rank);
    this.#budgeted = config.memoryBudgetMb !== Infinity;
  }

  get running(): number {
    return this.#running;
  }

  /** Only buckets up to `limit` may start (the wave barrier); raising it starts what is waiting. */
  setLimit(limit: number): void {
    this.#limit = limit;
    this.pump();
  }

  enqueue(bucket: number, item: number): void {
    if (this.#stopped) return;
    this.queue.push(bucket, item);
    this.pump();
  }

  finished(item: number): void {
    this.#running--;
    if (this.#budgeted) this.#memory -= this.config.memoryOf(item);
    this.pump();
  }

  /**
   * Runs `fn` (which enqueues several items) without starting any of them until it returns, so a
   * free slot goes to the most urgent (or longest-path) of them all, not to the first enqueued.
   */
  batch(fn: () => void): void {
    this.#held++;
    try {
      fn();
    } finally {
      this.#held--;
    }
  }

  /** Starts nothing more and forgets what is queued. */
  stop(): void {
    this.#stopped = true;
    this.queue.clear();
  }

  pump(): void {
    if (this.#pumping || this.#stopped || this.#held > 0) return;
    this.#pumping = true;
    try {
      const { maxConcurrent, memoryBudgetMb } = this.config;
      while (this.#running < maxConcurrent) {
        const bucket = this.queue.firstBucket(this.#limit);
        if (bucket < 0) break;
        const item = this.queue.peek(bucket);
        if (!this.config.startable(item)) {
          this.queue.take(bucket);
          continue;
        }
        if (this.#budgeted) {
          const memory = this.config.memoryOf(item);
          if (this.#memory + memory > memoryBudgetMb) {
            if (this.#running > 0) break;
            this.config.oversize(item);
          }
          this.#memory += memory;
        }
        this.queue.take(bucket);
        this.#running++;
        this.config.start(item);
      }
    } finally {
      this.#pumping = false;
    }
  }
}
