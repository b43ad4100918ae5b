import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { VirtualTimeScheduler } from 'rxjs';
import { clockFrom, type TimerTask } from '../../src/run/Clock.js';

/** One step of a script: arm a timer at `at` for `ms`, and maybe cancel it `cancelAfter` ms later. */
interface Step {
  readonly at: number;
  readonly ms: number;
  /** How much earlier than `at` the timer counts from (an attempt armed after its loader ran). */
  readonly back: number;
  readonly cancelAfter: number | undefined;
}

const steps = fc.array(
  fc.record({
    // Mostly one duration, armed before the first deadline and cancelled early: the shape of a
    // boot, where a list holds thousands of cancelled timers and gets compacted.
    at: fc.integer({ min: 0, max: 60 }),
    ms: fc.constantFrom(100, 100, 100, 30),
    back: fc.constantFrom(0, 0, 0, 0, 5, 20),
    cancelAfter: fc.option(fc.integer({ min: 0, max: 130 }), { nil: undefined, freq: 8 }),
  }),
  { minLength: 1_100, maxLength: 2_500 }, // long enough for the clock to compact its lists
);

describe('clockFrom (properties)', () => {
  it('fires exactly the timers not cancelled before their deadline, each at its deadline, in deadline order, also when counted from earlier', () => {
    fc.assert(
      fc.property(steps, (script: readonly Step[]) => {
        const scheduler = new VirtualTimeScheduler();
        // A broken clock could re-arm forever at one instant: fail instead of hanging.
        const schedule = scheduler.schedule.bind(scheduler);
        let actions = 0;
        scheduler.schedule = ((...args: Parameters<typeof schedule>) => {
          if (++actions > 50_000) throw new Error('runaway scheduling');
          return schedule(...args);
        }) as typeof scheduler.schedule;
        const clock = clockFrom(scheduler);
        const fired: [number, number][] = [];
        const expected: [number, number][] = [];
        script.forEach((step, id) => {
          const task: TimerTask = { timerList: undefined, onTimer: () => fired.push([id, scheduler.now()]) };
          const from = Math.max(0, step.at - step.back);
          scheduler.schedule(() => clock.arm(task, step.ms, from), step.at);
          const due = from + step.ms;
          // Never at the deadline itself: which of two actions at one instant runs first is the
          // scheduler's business, not the clock's.
          let cancelAt = step.cancelAfter === undefined ? undefined : step.at + step.cancelAfter;
          if (cancelAt === due) cancelAt++;
          if (cancelAt !== undefined) scheduler.schedule(() => clock.disarm(task), cancelAt);
          if (cancelAt === undefined || cancelAt > due) expected.push([id, due]);
        });
        scheduler.flush();
        const byTime = (a: [number, number], b: [number, number]) => a[1] - b[1] || a[0] - b[0];
        expect([...fired].sort(byTime)).toEqual(expected.sort(byTime));
        // Deadlines are met in order: nothing fires before an earlier deadline.
        for (let k = 1; k < fired.length; k++) expect(fired[k]![1]).toBeGreaterThanOrEqual(fired[k - 1]![1]);
      }),
      { numRuns: 15, endOnFailure: true }, // shrinking thousands of steps would take minutes
    );
  });
});
