import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { ComponentTimeoutError } from '../../../src/errors/ComponentTimeoutError.js';
import { recoverInPlace } from '../../../src/lifecycle/recoverInPlace.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { InFlight } from '../../../src/run/InFlight.js';

const clock = clockFrom(asyncScheduler);

/** Settles `promise` in virtual time; returns how it ended and when (ms from the call). */
async function outcome(promise: Promise<void>): Promise<{ at: number; error?: unknown }> {
  const t0 = Date.now();
  let result: { at: number; error?: unknown } | undefined;
  promise.then(
    () => (result = { at: Date.now() - t0 }),
    (error: unknown) => (result = { at: Date.now() - t0, error }),
  );
  for (let k = 0; k < 100 && result === undefined; k++) await jest.advanceTimersByTimeAsync(10);
  return result!;
}

describe('recoverInPlace', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("should resolve at once, calling nothing, for a definition without recover, even when its value has an onWarmup", async () => {
    const onWarmup = jest.fn();
    const spec = toComponentSpec({ token: 'db', load: () => 1 }, 0);
    expect(await outcome(recoverInPlace(spec, { onWarmup }, clock, new InFlight()))).toEqual({ at: 0 });
    expect(await outcome(recoverInPlace(spec, { name: 'db' }, clock, new InFlight()))).toEqual({ at: 0 });
    expect(onWarmup).not.toHaveBeenCalled();
  });

  it("should run the definition's recover on the same instance, and a class's onWarmup again, within the timeout", async () => {
    const instance = { name: 'db' };
    const recover = jest.fn((_i: unknown, _s: AbortSignal) => new Promise<void>((r) => setTimeout(r, 30)));
    const spec = toComponentSpec({ token: 'db', load: () => instance, recover, timeout: 100 }, 0);
    expect(await outcome(recoverInPlace(spec, instance, clock, new InFlight()))).toEqual({ at: 30 });
    expect(recover.mock.calls[0]![0]).toBe(instance);

    const calls: unknown[] = [];
    class Cache {
      onWarmup(signal: AbortSignal): void {
        calls.push(this, signal.aborted);
      }
    }
    const cache = new Cache();
    expect(await outcome(recoverInPlace(toComponentSpec(Cache, 1), cache, clock, new InFlight()))).toEqual({ at: 0 });
    expect(calls).toEqual([cache, false]);
  });

  it("should time a recovery out at the component's timeout, aborting its signal with a warm-up timeout error", async () => {
    let signal: AbortSignal | undefined;
    const spec = toComponentSpec(
      { token: 'db', load: () => 1, timeout: 50, recover: (_i: unknown, s: AbortSignal) => ((signal = s), new Promise<void>(() => undefined)) },
      0,
    );
    const { at, error } = await outcome(recoverInPlace(spec, {}, clock, new InFlight()));
    expect(at).toBe(50);
    expect(error).toBeInstanceOf(ComponentTimeoutError);
    expect((error as ComponentTimeoutError).phase).toBe('recover');
    expect((error as Error).message).toMatch(/^Component 'db' recovery did not finish within 50 ms/);
    expect(signal?.reason).toBe(error);
  });

  it('should be aborted by a cancellation through inFlight, with its reason', async () => {
    const inFlight = new InFlight();
    const spec = toComponentSpec({ token: 'db', load: () => 1, timeout: 1_000, recover: () => new Promise<void>(() => undefined) }, 0);
    const reason = new Error('monitor stopped');
    setTimeout(() => inFlight.abortAll(reason), 20);
    const { at, error } = await outcome(recoverInPlace(spec, {}, clock, inFlight));
    expect(error).toBe(reason);
    expect(at).toBeLessThan(1_000);
  });
});
