import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { Container } from 'inversify';
import { Warmup, type LoadContext } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });

/** One beat of progress: wait `after` ms, then extend by `by` ms. */
const beat = fc.record({ after: fc.integer({ min: 1, max: 300 }), by: fc.integer({ min: 0, max: 400 }) });

describe('extendTimeout (property)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should time out exactly at the last deadline: monotone, never past maxTimeout, and only moved by a call that extends it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1_000 }), fc.array(beat, { maxLength: 12 }), async (timeout, more, beats) => {
        jest.setSystemTime(0);
        const maxTimeout = timeout + more;
        const answers: number[] = [];
        const warmup = new Warmup(new Container()).register({
          token: 'x',
          timeout,
          maxTimeout,
          required: false,
          load: async (ctx: LoadContext) => {
            for (const { after, by } of beats) {
              await sleep(after, ctx.signal);
              answers.push(ctx.extendTimeout(by));
            }
            await sleep(1_000_000, ctx.signal); // then hang
          },
        });
        // The model: walk the beats in virtual time.
        let deadline = timeout;
        let now = 0;
        const expected: number[] = [];
        const moves: { at: number; deadline: number }[] = [];
        for (const { after, by } of beats) {
          now += after;
          // A beat at the very deadline races the timer (either may fire first): not a case to pin.
          fc.pre(now !== deadline);
          if (now > deadline) break; // timed out before this beat
          const target = Math.min(now + by, maxTimeout);
          if (target > deadline) {
            deadline = target;
            moves.push({ at: now, deadline });
          }
          expected.push(deadline);
        }
        const report = await settle(warmup.boot(), 1, 100_000);
        const [attempt] = report.components.x!.attemptHistory;
        expect(attempt!.outcome).toBe('timeout');
        expect(attempt!.finishedAt).toBe(deadline);
        expect(attempt!.finishedAt).toBeLessThanOrEqual(maxTimeout);
        expect(answers).toEqual(expected);
        expect((attempt!.extensions ?? []).map(({ at, deadline: d }) => ({ at, deadline: d }))).toEqual(moves);
        await warmup.shutdown();
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
