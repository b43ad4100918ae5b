import { describe, expect, it } from '@jest/globals';
import { VirtualTimeScheduler } from 'rxjs';
import { clockFrom } from '../../../src/run/Clock.js';

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
});
