import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidOptionError } from '../../../src/index.js';
import { backoffDefaults, resolveRetryPolicy, retryDelay } from '../../../src/component/RetryPolicy.js';

describe('resolveRetryPolicy', () => {
  it('fills the documented defaults and shares one object per count', () => {
    const policy = resolveRetryPolicy('db', 'retries', 2, undefined);
    expect(policy).toEqual({ count: 2, delay: 1_000, factor: 2, maxDelay: 30_000, jitter: 0 });
    expect(resolveRetryPolicy('api', 'retries', 2, undefined)).toBe(policy);
    expect(backoffDefaults).toEqual({ delay: 1_000, factor: 2, maxDelay: 30_000, jitter: 0 });
  });

  it('keeps what the backoff sets and defaults the rest', () => {
    expect(resolveRetryPolicy('db', 'retries', 1, { delay: 5, jitter: 0.5 })).toEqual({ count: 1, delay: 5, factor: 2, maxDelay: 30_000, jitter: 0.5 });
  });

  it.each<[string, number, unknown]>([
    ['retries', -1, undefined],
    ['retries', 1.5, undefined],
    ['retries', Number.NaN, undefined],
    ['backoff', 0, null],
    ['backoff', 0, 'fast'],
    ['backoff', 0, [1]],
    ['backoff.delay', 0, { delay: -1 }],
    ['backoff.delay', 0, { delay: Infinity }],
    ['backoff.maxDelay', 0, { maxDelay: '5' }],
    ['backoff.factor', 0, { factor: 0.5 }],
    ['backoff.factor', 0, { factor: Infinity }],
    ['backoff.jitter', 0, { jitter: 1.5 }],
    ['backoff.jitter', 0, { jitter: -0.1 }],
  ])('rejects %s with InvalidOptionError naming it (count %p, backoff %p)', (option, count, backoff) => {
    const attempt = () => resolveRetryPolicy('db', 'retries', count, backoff as never);
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(`Option '${option}' of 'db'`);
  });
});

describe('resolveRetryPolicy: what each rejection says', () => {
  it.each<[number, unknown, string]>([
    [-1, undefined, "Option 'retries' of 'db' must be a whole number ≥ 0; got -1"],
    [0, 5, "Option 'backoff' of 'db' must be an object { delay, factor, maxDelay, jitter }; got 5"],
    [0, { delay: -1 }, "Option 'backoff.delay' of 'db' must be a finite number ≥ 0; got -1"],
    [0, { maxDelay: -1 }, "Option 'backoff.maxDelay' of 'db' must be a finite number ≥ 0; got -1"],
    [0, { factor: 0.5 }, "Option 'backoff.factor' of 'db' must be a finite number ≥ 1; got 0.5"],
    [0, { jitter: 2 }, "Option 'backoff.jitter' of 'db' must be between 0 and 1; got 2"],
    [0, { jitter: '0.5' }, `Option 'backoff.jitter' of 'db' must be between 0 and 1; got "0.5"`],
  ])('count %p, backoff %p', (count, backoff, firstLine) => {
    let thrown: unknown;
    try {
      resolveRetryPolicy('db', 'retries', count, backoff as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as Error).message.split('\n')[0]).toBe(firstLine);
  });

  it('accepts the bounds: jitter 0 and 1, factor 1, delays of 0', () => {
    expect(resolveRetryPolicy('db', 'retries', 0, { delay: 0, maxDelay: 0, factor: 1, jitter: 1 })).toEqual({ count: 0, delay: 0, factor: 1, maxDelay: 0, jitter: 1 });
    expect(resolveRetryPolicy('db', 'retries', 0, { jitter: 0 }).jitter).toBe(0);
  });
});

describe('retryDelay', () => {
  const policy = { count: 5, delay: 100, factor: 3, maxDelay: 1_000, jitter: 0 };

  it('grows by the factor per try and stops at maxDelay', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(policy, n, Math.random))).toEqual([100, 300, 900, 1_000]);
  });

  it('spreads by ±jitter with the random source, within [0, maxDelay]', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(retryDelay(jittered, 1, () => 0)).toBe(50);
    expect(retryDelay(jittered, 1, () => 0.5)).toBe(100);
    expect(retryDelay(jittered, 1, () => 0.75)).toBe(125);
    expect(retryDelay(jittered, 4, () => 0.99)).toBe(1_000); // capped again after the spread
  });

  it('never reads the random source without jitter', () => {
    expect(retryDelay(policy, 1, () => Number.NaN)).toBe(100);
  });

  it.each([1, -0.1, Number.NaN, 5])('rejects a random source answering %p', (r) => {
    expect(() => retryDelay({ ...policy, jitter: 0.1 }, 1, () => r)).toThrow(/random/);
  });

  it('rejects a random source answering something that is no number, saying what it must return', () => {
    let thrown: unknown;
    try {
      retryDelay({ ...policy, jitter: 0.1 }, 1, () => '0.5' as unknown as number);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as Error).message.split('\n')[0]).toBe(`Option 'random' of 'Warmup' must return a number in [0, 1); got "0.5"`);
  });

  it('is always within [0, maxDelay] (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          delay: fc.double({ min: 0, max: 1e6, noNaN: true }),
          factor: fc.double({ min: 1, max: 10, noNaN: true }),
          maxDelay: fc.double({ min: 0, max: 1e6, noNaN: true }),
          jitter: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (backoff, n, r) => {
          const d = retryDelay({ count: 50, ...backoff }, n, () => r);
          return d >= 0 && d <= backoff.maxDelay;
        },
      ),
    );
  });
});
