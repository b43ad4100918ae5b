import type { Clock } from '../run/Clock.js';

/**
 * Use counts and first-use times per component, for the learned profile. Recording is built for the
 * hot path: a warm `container.get` adds one to a typed-array slot (in preheat's ready-made plan,
 * `container/ComponentPlans.ts`) and nothing else; the first use is timed by the plan's first answer
 * or the binding's factory (while {@link timing}: a NaN check per `get`, a clock read once per
 * token). The plan's size is known when the plan is built (registration is closed
 * then); each array is allocated on its first write (the counts of a warm `get` at plan time, when
 * they count), so a service that never records pays nothing (2.4 MB at 100,000 components). This class is the only writer of its arrays, but for {@link gets}, which the ready-made plan
 * increments in place (one writer per slot: the plan of that token).
 */
export class UsageRecorder {
  /** `container.get` calls that reached preheat's ready-made plan, by index. */
  gets: Float64Array = new Float64Array(0);
  /** `getAsync` calls, by index. */
  getAsyncs: Float64Array = new Float64Array(0);
  /** The clock's time of the first use (get or getAsync), NaN until then. */
  firstUseAt: Float64Array = new Float64Array(0);
  /**
   * Whether a warm `container.get` counts (set at plan time): only when something reads the counts
   * (a profile store, an idle component). `getAsync` and first uses are recorded either way.
   */
  counting = false;
  /** When the boot reached `ready` (NaN before): first uses are measured from there. */
  readyAt = NaN;

  constructor(private readonly clock: Clock) {}

  #size = 0;
  /** Whether first uses are timed: only the saved profile reads them (a clock read per first use). Set by {@link start}. */
  timing = true;

  /**
   * Sizes the arrays for `size` components (the plan's size); `counting` says whether a warm
   * `container.get` counts (see {@link counting}), and if so its array is made now, for the plan;
   * `timing`, whether first uses are timed (only a saved profile reads them).
   */
  start(size: number, counting: boolean, timing = true): void {
    this.counting = counting;
    this.timing = timing;
    if (this.#size !== size) {
      this.#size = size;
      this.gets = this.getAsyncs = this.firstUseAt = none;
    }
    if (counting && this.gets.length !== size) this.gets = new Float64Array(size);
  }

  /**
   * Open `warmup.track` scopes right now (any async context): while 0, a `get` skips the scope
   * lookup entirely. Written by {@link WorkTracker} only.
   */
  scopes = 0;
  /** Told each use while a scope is open: the scope (an AsyncLocalStorage lookup) records it. */
  touch: (index: number) => void = noop;

  /** A `container.get` answered by preheat's ready-made plan, while {@link timing}: the first one is timed (the plan counts it). */
  firstUse(index: number): void {
    if (index < this.#size) this.#firstUse(index);
  }

  /** `container.get` answered by the binding's factory (activation handlers or other bindings): one use. */
  factoryGet(index: number): void {
    if (index >= this.#size) return;
    if (this.gets.length === 0) this.gets = new Float64Array(this.#size);
    this.gets[index]!++;
    this.#firstUse(index);
    if (this.scopes > 0) this.touch(index);
  }

  /** One `getAsync`. */
  getAsync(index: number): void {
    if (index >= this.#size) return;
    if (this.getAsyncs.length === 0) this.getAsyncs = new Float64Array(this.#size);
    this.getAsyncs[index]!++;
    this.#firstUse(index);
    if (this.scopes > 0) this.touch(index);
  }

  /** The boot is ready: from now, a first use is "after boot". */
  ready(): void {
    this.readyAt = this.clock.now();
  }

  /** Direct uses (get + getAsync) of a component so far. */
  uses(index: number): number {
    return (this.gets[index] ?? 0) + (this.getAsyncs[index] ?? 0);
  }

  /** Ms from `ready` to the first use; NaN if unused, 0 if used before `ready`. */
  firstUseAfterReady(index: number): number {
    const at = this.firstUseAt[index] ?? NaN;
    if (Number.isNaN(at)) return NaN;
    return Number.isNaN(this.readyAt) ? 0 : Math.max(0, at - this.readyAt);
  }

  #firstUse(index: number): void {
    if (!this.timing) return;
    if (this.firstUseAt.length === 0) this.firstUseAt = new Float64Array(this.#size).fill(NaN);
    if (Number.isNaN(this.firstUseAt[index]!)) this.firstUseAt[index] = this.clock.now();
  }
}

const none = new Float64Array(0);

function noop(): void {}
