import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { clockFrom } from '../../../src/run/Clock.js';
import { Deadline, wait, withDeadline } from '../../../src/run/Deadline.js';
import { InFlight, type InFlightEntry } from '../../../src/run/InFlight.js';

const timeoutError = new Error('timed out');
const never = () => new Promise<never>(() => undefined);

describe('withDeadline', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });
  const clock = () => clockFrom(asyncScheduler);
  const outcome = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

  describe('having work that resolves before the limit', () => {
    it('should resolve with its value and leave no timer behind', async () => {
      const result = outcome(withDeadline(clock(), () => new Promise((r) => setTimeout(() => r('v'), 50)), { ms: 100, onTimeout: () => timeoutError }));
      await jest.advanceTimersByTimeAsync(50);
      expect(await result).toEqual({ value: 'v' });
      await jest.advanceTimersByTimeAsync(0);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('having work that rejects or throws', () => {
    it('should reject with what it threw, synchronously or not', async () => {
      const thrown = new Error('boom');
      expect(await outcome(withDeadline(clock(), () => Promise.reject(thrown), { ms: 100, onTimeout: () => timeoutError }))).toEqual({ error: thrown });
      expect(
        await outcome(
          withDeadline(
            clock(),
            () => {
              throw thrown;
            },
            { ms: 100, onTimeout: () => timeoutError },
          ),
        ),
      ).toEqual({ error: thrown });
    });
  });

  describe('having work that never settles', () => {
    it('should reject with the timeout error at the limit and abort the signal with it', async () => {
      let signal: AbortSignal | undefined;
      const result = outcome(withDeadline(clock(), (abort) => ((signal = abort.signal), never()), { ms: 100, onTimeout: () => timeoutError }));
      await jest.advanceTimersByTimeAsync(99);
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await result).toEqual({ error: timeoutError });
      expect(signal?.reason).toBe(timeoutError);
    });

    it('with no limit (Infinity), should arm no timer', () => {
      void withDeadline(clock(), never, { ms: Infinity, onTimeout: () => timeoutError });
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('having a value that arrives after the limit', () => {
    it('should hand it to onLate, and drop a late error', async () => {
      const late: unknown[] = [];
      const value = outcome(withDeadline(clock(), () => new Promise((r) => setTimeout(() => r('late'), 200)), { ms: 100, onTimeout: () => timeoutError, onLate: (v) => late.push(v) }));
      const error = outcome(withDeadline(clock(), () => new Promise((_, j) => setTimeout(() => j(new Error('late')), 200)), { ms: 100, onTimeout: () => timeoutError }));
      await jest.advanceTimersByTimeAsync(300);
      expect(await value).toEqual({ error: timeoutError });
      expect(await error).toEqual({ error: timeoutError });
      expect(late).toEqual(['late']);
    });
  });

  describe('having an in-flight list', () => {
    it('should reject with the reason when the list is aborted, and leave the list', async () => {
      const inFlight = new InFlight();
      const reason = new Error('shutting down');
      const result = outcome(withDeadline(clock(), never, { ms: 1_000, inFlight, onTimeout: () => timeoutError }));
      inFlight.abortAll(reason);
      expect(await result).toEqual({ error: reason });
      // Aborting again reaches nothing: the race left the list when it ended.
      const again = outcome(withDeadline(clock(), never, { ms: 1_000, inFlight, onTimeout: () => timeoutError }));
      inFlight.abortAll(new Error('second'));
      expect(await again).toEqual({ error: new Error('second') });
    });

    it('should be reached by an abort during the work’s synchronous start', async () => {
      const inFlight = new InFlight();
      const reason = new Error('now');
      const result = outcome(withDeadline(clock(), () => (inFlight.abortAll(reason), Promise.reject(new Error('after'))), { ms: 1_000, inFlight, onTimeout: () => timeoutError }));
      expect(await result).toEqual({ error: reason });
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});

describe('wait', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should resolve after the time, not before', async () => {
    let done = false;
    void wait(clockFrom(asyncScheduler), 100).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('should reject with the reason as soon as its in-flight list is aborted', async () => {
    const inFlight = new InFlight();
    const waiting = wait(clockFrom(asyncScheduler), 1_000, inFlight).catch((e: unknown) => e);
    inFlight.abortAll('stop');
    expect(await waiting).toBe('stop');
  });
});

/** An InFlight that remembers every entry that joined it, to check that each one left. */
class WatchedInFlight extends InFlight {
  readonly joined = new Set<InFlightEntry>();
  override add(entry: InFlightEntry): void {
    this.joined.add(entry);
    super.add(entry);
  }
  /** Entries still in the list. */
  get members(): InFlightEntry[] {
    return [...this.joined].filter((e) => e.inFlightOwner === this);
  }
}

describe('a race leaves its in-flight list once over', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('when the work aborts it during its own synchronous start', async () => {
    const inFlight = new WatchedInFlight();
    const reason = new Error('self');
    const result = withDeadline(clockFrom(asyncScheduler), (abort) => (abort.abort(reason), new Promise(() => undefined)), { ms: 1_000, inFlight, onTimeout: () => timeoutError });
    await expect(result).rejects.toBe(reason);
    expect(inFlight.joined.size).toBe(1);
    expect(inFlight.members).toEqual([]);
  });

  it('when a wait’s time is up', async () => {
    const inFlight = new WatchedInFlight();
    const waiting = wait(clockFrom(asyncScheduler), 100, inFlight);
    expect(inFlight.members).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(100);
    await waiting;
    expect(inFlight.members).toEqual([]);
  });
});

describe('a late value without onLate', () => {
  it('is dropped without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let resolveWork!: (v: string) => void;
      const work = new Promise<string>((r) => (resolveWork = r));
      const result = withDeadline(clockFrom(asyncScheduler), () => work, { ms: 5, onTimeout: () => timeoutError });
      await expect(result).rejects.toBe(timeoutError);
      resolveWork('late');
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('Deadline, subclassed', () => {
  /** The smallest race: records its outcome and whether it saw itself over. */
  class Probe extends Deadline<string> {
    outcome: { won?: string; lost?: unknown; overInside?: boolean } = {};
    run(work: PromiseLike<string> | undefined, ms: number): this {
      this.race(work, ms);
      return this;
    }
    get isOver(): boolean {
      return this.over;
    }
    protected won(value: string): void {
      this.outcome = { won: value, overInside: this.over };
    }
    protected lost(reason: unknown): void {
      this.outcome = { lost: reason, overInside: this.over };
    }
  }

  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should lose with its default timeout error when the work runs out of time', async () => {
    const probe = new Probe(clockFrom(asyncScheduler), undefined).run(new Promise(() => undefined), 10);
    expect(probe.isOver).toBe(false);
    await jest.advanceTimersByTimeAsync(10);
    expect(probe.outcome.lost).toEqual(new Error('deadline passed'));
    expect(probe.outcome.overInside).toBe(true);
    expect(probe.isOver).toBe(true);
    expect(probe.aborted).toBe(true);
  });

  it('should be over once won', async () => {
    const probe = new Probe(clockFrom(asyncScheduler), undefined).run(Promise.resolve('v'), 10);
    await jest.advanceTimersByTimeAsync(0);
    expect(probe.outcome).toEqual({ won: 'v', overInside: true });
    expect(probe.isOver).toBe(true);
  });
});
