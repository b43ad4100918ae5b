import { describe, expect, it, jest } from '@jest/globals';
import { VirtualTimeScheduler } from 'rxjs';
import { clockFrom, type TimerTask } from '../../../src/run/Clock.js';

describe('clockFrom', () => {
  describe('having timers of the same duration started at different times', () => {
    it('should fire each at its own deadline, in order', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      clock.setTimeout(() => fired.push(`a@${scheduler.now()}`), 100);
      scheduler.schedule(() => {
        clock.setTimeout(() => fired.push(`b@${scheduler.now()}`), 100);
      }, 30);
      clock.setTimeout(() => fired.push(`c@${scheduler.now()}`), 50);
      scheduler.flush();
      expect(fired).toEqual(['c@50', 'a@100', 'b@130']);
    });
  });

  describe('having a cancelled timer', () => {
    it('should not fire it and should fire the rest', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const cancelA = clock.setTimeout(() => fired.push('a'), 100);
      clock.setTimeout(() => fired.push('b'), 100);
      cancelA();
      cancelA(); // idempotent
      scheduler.flush();
      expect(fired).toEqual(['b']);
    });

    it('should leave no scheduled action once every timer is cancelled (a microtask later)', async () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const cancels = Array.from({ length: 1_000 }, () => clock.setTimeout(() => undefined, 30_000));
      cancels.forEach((cancel) => cancel());
      await Promise.resolve();
      expect(scheduler.actions.filter((a) => !a.closed)).toHaveLength(0);
    });

    it('should keep one action armed across a cancel and a new timer in the same tick', async () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: number[] = [];
      clock.setTimeout(() => fired.push(1), 100)();
      clock.setTimeout(() => fired.push(2), 100);
      await Promise.resolve();
      expect(scheduler.actions.filter((a) => !a.closed)).toHaveLength(1);
      scheduler.flush();
      expect(fired).toEqual([2]);
    });
  });

  describe('having a callback that adds a timer of the same duration', () => {
    it('should still fire an earlier pending timer on time', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      clock.setTimeout(() => {
        fired.push(`first@${scheduler.now()}`);
        clock.setTimeout(() => fired.push(`third@${scheduler.now()}`), 100);
      }, 100);
      scheduler.schedule(() => {
        clock.setTimeout(() => fired.push(`second@${scheduler.now()}`), 100);
      }, 5);
      scheduler.flush();
      expect(fired).toEqual(['first@100', 'second@105', 'third@200']);
    });
  });

  describe('having a task armed from an earlier reading of the clock', () => {
    it('should fire it that long after the reading, not after the arming', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const task = { timerList: undefined as object | undefined, onTimer: () => fired.push(`task@${scheduler.now()}`) };
      scheduler.schedule(() => clock.arm(task, 100, 10), 30); // read at 10, armed at 30
      scheduler.flush();
      expect(fired).toEqual(['task@110']);
      expect(task.timerList).toBeUndefined();
    });

    it('should keep deadline order when a timer counted from earlier goes behind a later one', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const task = (name: string) => ({ timerList: undefined as object | undefined, onTimer: () => fired.push(`${name}@${scheduler.now()}`) });
      scheduler.schedule(() => {
        clock.arm(task('later'), 100); // due 150
        clock.arm(task('earlier'), 100, 0); // read at 0, armed at 50: due 100, goes first
        clock.arm(task('last'), 100); // due 150
      }, 50);
      scheduler.flush();
      expect(fired).toEqual(['earlier@100', 'later@150', 'last@150']);
    });

    it('should not fire a task disarmed before its deadline', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      let fired = false;
      const task = { timerList: undefined as object | undefined, onTimer: () => (fired = true) };
      clock.arm(task, 100);
      clock.disarm(task);
      clock.disarm(task); // idempotent
      scheduler.flush();
      expect(fired).toBe(false);
    });
  });

  describe('having callbacks that throw', () => {
    it('should rethrow the first error in a microtask while the other timers of the list still fire', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const first = new Error('first');
      const second = new Error('second');
      const microtasks: (() => void)[] = [];
      const spy = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => void microtasks.push(callback));
      try {
        clock.setTimeout(() => {
          fired.push(`a@${scheduler.now()}`);
          throw first;
        }, 100);
        clock.setTimeout(() => fired.push(`b@${scheduler.now()}`), 100);
        clock.setTimeout(() => {
          fired.push(`c@${scheduler.now()}`);
          throw second;
        }, 100);
        clock.setTimeout(() => fired.push(`d@${scheduler.now()}`), 100);
        scheduler.flush();
      } finally {
        spy.mockRestore();
      }
      expect(fired).toEqual(['a@100', 'b@100', 'c@100', 'd@100']);
      expect(microtasks).toHaveLength(1);
      const notThrown = Symbol('not thrown');
      let caught: unknown = notThrown;
      try {
        microtasks[0]!();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBe(first);
    });
  });

  describe('having a list dropped while a stale drop of the same duration is still queued', () => {
    it('should keep the newer list, so a later timer of that duration shares its action', async () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      clock.setTimeout(() => fired.push('a'), 100)(); // the list goes idle: a drop is queued
      queueMicrotask(() => {
        // After that drop, before the next one: a new list for 100 ms.
        clock.setTimeout(() => fired.push(`c@${scheduler.now()}`), 100);
      });
      clock.setTimeout(() => fired.push('b'), 100)(); // the old list goes idle again: a second drop
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      clock.setTimeout(() => fired.push(`d@${scheduler.now()}`), 100);
      expect(scheduler.actions.filter((a) => !a.closed)).toHaveLength(1);
      scheduler.flush();
      expect(fired).toEqual(['c@100', 'd@100']);
    });
  });

  describe('having a list dropped once all its timers were cancelled', () => {
    it('should start a fresh list, so a timer counted from earlier fires at its own deadline', async () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const task = (name: string): TimerTask => ({ timerList: undefined, onTimer: () => fired.push(`${name}@${scheduler.now()}`) });
      clock.setTimeout(() => fired.push('cancelled'), 100)(); // due 100, then dropped
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      scheduler.schedule(() => {
        clock.arm(task('now'), 100); // due 600
        clock.arm(task('overdue'), 100, 0); // due 100, already past: at once
      }, 500);
      scheduler.flush();
      expect(fired).toEqual(['overdue@500', 'now@600']);
    });
  });

  describe('scheduling the action of a list', () => {
    it('should ask the scheduler for the deadline itself, not for an early wake-up', () => {
      const scheduler = new VirtualTimeScheduler();
      const delays: (number | undefined)[] = [];
      const schedule = scheduler.schedule.bind(scheduler);
      scheduler.schedule = ((...args: Parameters<typeof schedule>) => {
        delays.push(args[1]);
        return schedule(...args);
      }) as typeof scheduler.schedule;
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      clock.setTimeout(() => fired.push(`a@${scheduler.now()}`), 100);
      clock.setTimeout(() => fired.push(`b@${scheduler.now()}`), 30);
      scheduler.flush();
      expect(fired).toEqual(['b@30', 'a@100']);
      expect(delays).toEqual([100, 30]);
    });
  });

  describe('having a callback that arms a timer counted from earlier, due before the rest of its list', () => {
    it('should arm it without failing and fire it in the same run, before the rest', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      const microtasks: (() => void)[] = [];
      const task = (name: string, then?: () => void): TimerTask => ({
        timerList: undefined,
        onTimer: () => {
          fired.push(`${name}@${scheduler.now()}`);
          then?.();
        },
      });
      const spy = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((callback) => void microtasks.push(callback));
      try {
        clock.arm(
          task('a', () => {
            clock.arm(task('c'), 100, 0); // due 100: before b, now the head of the list
            fired.push('c armed');
          }),
          100,
        );
        scheduler.schedule(() => clock.arm(task('b'), 100), 50); // due 150
        scheduler.flush();
      } finally {
        spy.mockRestore();
      }
      expect(fired).toEqual(['a@100', 'c armed', 'c@100', 'b@150']);
      expect(microtasks).toHaveLength(0);
    });
  });

  describe('having thousands of timers of one duration, most of them cancelled', () => {
    it('should fire exactly the rest, once each, at their deadlines, in order', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: [number, number][] = [];
      const expected: [number, number][] = [];
      for (let id = 0; id < 3_000; id++) {
        const at = Math.floor(id / 100); // 100 timers per ms, armed from 0 to 29
        const task: TimerTask = { timerList: undefined, onTimer: () => fired.push([id, scheduler.now()]) };
        scheduler.schedule(() => clock.arm(task, 100), at);
        if (id % 7 === 0) expected.push([id, at + 100]);
        else scheduler.schedule(() => clock.disarm(task), at + (id % 90)); // before its deadline
      }
      scheduler.flush();
      expect(fired).toEqual(expected);
      expect(scheduler.actions.filter((a) => !a.closed)).toHaveLength(0);
    });

    it('should fire a timer counted from earlier at its deadline after the list was compacted empty', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      scheduler.schedule(() => {
        // The shape of a boot: attempts armed and done one after another (the action stays armed
        // for 150 until the microtask), until the cancelled ones are compacted away.
        for (let k = 0; k < 1_025; k++) clock.setTimeout(() => fired.push('cancelled'), 100)();
        clock.arm({ timerList: undefined, onTimer: () => fired.push(`early@${scheduler.now()}`) }, 100, 0); // due 100
      }, 50);
      scheduler.flush();
      expect(fired).toEqual(['early@100']);
    });

    it('should fire timers left after a run of more than 1,024 at one instant, each at its deadline', () => {
      const scheduler = new VirtualTimeScheduler();
      const clock = clockFrom(scheduler);
      const fired: string[] = [];
      for (let k = 0; k < 1_100; k++) clock.setTimeout(() => fired.push(`first@${scheduler.now()}`), 100);
      scheduler.schedule(() => {
        clock.setTimeout(() => fired.push(`second@${scheduler.now()}`), 100);
        clock.setTimeout(() => fired.push(`third@${scheduler.now()}`), 100);
      }, 10);
      scheduler.schedule(() => clock.setTimeout(() => fired.push(`fourth@${scheduler.now()}`), 100), 20);
      scheduler.flush();
      expect(fired).toEqual([...Array.from({ length: 1_100 }, () => 'first@100'), 'second@110', 'third@110', 'fourth@120']);
    });
  });
});
