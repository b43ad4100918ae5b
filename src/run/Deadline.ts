import { AttemptAbort } from './AttemptAbort.js';
import { callSafely } from './callSafely.js';
import type { Clock, TimerTask } from './Clock.js';
import type { InFlight } from './InFlight.js';

/**
 * The one way preheat races work against a deadline and an abort: a load attempt, a health check, a
 * recovery, a shutdown hook, a backoff, the drain. Whichever comes first ends the race — the work's
 * value, its error, the timer, or `abort()` (directly, or from the {@link InFlight} list it is in) —
 * and what comes later is dropped: a late value goes to {@link late} (to be disposed), a late error
 * nowhere, so nothing is left unhandled. Without work it is a wait, and the timer is the good end.
 *
 * One object is at once the abort (its signal made only if read), the timer entry and the in-flight
 * entry: the load attempt subclasses it, so 100,000 attempts in flight cost one object each.
 */
export abstract class Deadline<T = unknown> extends AttemptAbort implements TimerTask {
  timerList: object | undefined = undefined;
  #over = false;
  #waitsForWork = false;

  constructor(
    readonly clock: Clock,
    readonly inFlight: InFlight | undefined,
  ) {
    super();
  }

  /** Joins the in-flight list: a cancellation reaches this race from now on. */
  protected enter(): void {
    if (!this.#over) this.inFlight?.add(this);
  }

  /**
   * Races `work` (undefined: a plain wait) against a timer of `ms` (Infinity: none) counted from
   * `from` (a reading of the clock; default now), and against {@link abort}.
   */
  protected race(work: PromiseLike<T> | undefined, ms: number, from?: number): void {
    this.enter();
    if (work !== undefined) {
      this.#waitsForWork = true;
      // Bound methods rather than closures: two bound functions take about half the memory. Also
      // when the race is over already (aborted while the work was being started): a late value is
      // still disposed and a late error still handled.
      work.then(this.onValue.bind(this), this.onError.bind(this));
    }
    if (ms !== Infinity && !this.#over) this.clock.arm(this, ms, from);
  }

  /** The timer fired: a wait is over; work ran out of time (unless its deadline was moved meanwhile). */
  onTimer(): void {
    if (this.#waitsForWork) {
      if (!this.postponed()) this.abort(this.expired());
    } else if (this.#end()) this.won(undefined as T);
  }

  /** True once the race is over (won, lost or aborted). */
  protected get over(): boolean {
    return this.#over;
  }

  /**
   * Asked when the timer of a race with work fires: a race whose deadline was moved later meanwhile
   * (an attempt's `extendTimeout`) arms the timer again for it with {@link rearm} and returns true.
   * The deadline only ever moves through here, so there is still one timer per race.
   */
  protected postponed(): boolean {
    return false;
  }

  /** Arms the timer again (from {@link postponed} only: the timer has just fired, so it is free). */
  protected rearm(ms: number, from: number): void {
    if (!this.#over) this.clock.arm(this, ms, from);
  }

  override abort(reason: unknown): void {
    if (this.aborted) return;
    super.abort(reason);
    if (this.#end()) this.lost(reason);
  }

  protected onValue(value: T): void {
    if (this.#end()) this.won(value);
    else this.late(value);
  }

  protected onError(error: unknown): void {
    if (this.#end()) this.lost(error);
  }

  /** The race is over: the work's value (or, for a wait, the timer). */
  protected abstract won(value: T): void;
  /** The race is over: the work's error, the timeout error ({@link expired}) or the abort reason. */
  protected abstract lost(reason: unknown): void;
  /** A value that arrived after the race was over (dispose it). */
  protected late(_value: T): void {}
  /** The error a timeout aborts with (races with work only). */
  protected expired(): unknown {
    return new Error('deadline passed');
  }

  /** True once, for whichever outcome comes first. */
  #end(): boolean {
    if (this.#over) return false;
    this.#over = true;
    this.clock.disarm(this);
    this.inFlight?.delete(this);
    return true;
  }
}

/** How {@link withDeadline} limits its work. */
export interface DeadlineOptions<T> {
  /** Limit in ms; Infinity sets no timer. */
  readonly ms: number;
  /** The error the promise rejects with when the limit passes (the work's signal aborts with it). */
  readonly onTimeout: () => unknown;
  /** Where the race registers, so a cancellation reaches it (its reason rejects the promise). */
  readonly inFlight?: InFlight | undefined;
  /** Receives a value that arrives after the race ended. */
  readonly onLate?: ((value: T) => void) | undefined;
}

/**
 * The promise form of a {@link Deadline}: calls `work` (with the race as its abort: read
 * `abort.signal` to honour it) and resolves with its value, or rejects with its error, the timeout
 * error, or the reason it was aborted. A synchronous throw of `work` is a rejection.
 *
 * @example
 * ```ts
 * await withDeadline(clock, (abort) => hook(instance, abort.signal), { ms: 5_000, onTimeout: () => new ComponentTimeoutError(…) });
 * ```
 */
export function withDeadline<T>(clock: Clock, work: (abort: AttemptAbort) => T | PromiseLike<T>, options: DeadlineOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const race = new PromiseRace<T>(clock, options, resolve, reject);
    race.start(work);
  });
}

/** Resolves after `ms`, or rejects with the reason as soon as something in `inFlight` aborts it. */
export function wait(clock: Clock, ms: number, inFlight?: InFlight): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    new PromiseRace<void>(clock, { ms, onTimeout: unused, inFlight }, resolve, reject).start(undefined);
  });
}

function unused(): unknown {
  return undefined;
}

class PromiseRace<T> extends Deadline<T> {
  constructor(
    clock: Clock,
    private readonly options: DeadlineOptions<T>,
    private readonly resolve: (value: T) => void,
    private readonly reject: (reason: unknown) => void,
  ) {
    super(clock, options.inFlight);
  }

  start(work: ((abort: AttemptAbort) => T | PromiseLike<T>) | undefined): void {
    if (work === undefined) {
      this.race(undefined, this.options.ms);
      return;
    }
    this.enter();
    this.race(
      callSafely(() => work(this)),
      this.options.ms,
    );
  }

  protected won(value: T): void {
    this.resolve(value);
  }

  protected lost(reason: unknown): void {
    this.reject(reason);
  }

  protected override late(value: T): void {
    this.options.onLate?.(value);
  }

  protected override expired(): unknown {
    return this.options.onTimeout();
  }
}
