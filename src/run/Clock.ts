import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * The one seam through which preheat reads time. Built from an RxJS scheduler, so tests can use
 * jest fake timers (with the default `asyncScheduler`) or a virtual-time scheduler.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

interface Entry {
  readonly due: number;
  fn: (() => void) | undefined;
}

interface TimerList {
  readonly entries: Entry[];
  head: number;
  live: number;
  armed: Subscription | undefined;
}

/**
 * A {@link Clock} over an RxJS scheduler. Timers of the same duration share one list and one
 * scheduled action (deadlines in a list only grow, as in Node's own timer lists), so 100,000
 * attempts with a 30 s timeout cost one scheduler action, not 100,000. A list whose timers are all
 * cancelled drops its action a microtask later (not at once: the next attempt usually starts in the
 * same tick), so nothing keeps the process alive after boot.
 */
export function clockFrom(scheduler: SchedulerLike): Clock {
  const lists = new Map<number, TimerList>();
  const arm = (ms: number, list: TimerList, delay: number): void => {
    list.armed = scheduler.schedule(() => fire(ms, list), delay);
  };
  const fire = (ms: number, list: TimerList): void => {
    list.armed = undefined;
    const now = scheduler.now();
    const { entries } = list;
    let thrown: { error: unknown } | undefined;
    while (list.head < entries.length) {
      const entry = entries[list.head]!;
      if (entry.fn !== undefined && entry.due > now) break;
      list.head++;
      const fn = entry.fn;
      if (fn === undefined) continue;
      entry.fn = undefined;
      list.live--;
      try {
        fn();
      } catch (error) {
        thrown ??= { error }; // like a native timer, but the other timers of this list still fire
      }
    }
    if (thrown !== undefined) {
      const { error } = thrown;
      queueMicrotask(() => {
        throw error;
      });
    }
    // A callback may have added timers (and armed an action for them): re-arm for the earliest.
    (list.armed as Subscription | undefined)?.unsubscribe();
    list.armed = undefined;
    if (list.live === 0) {
      if (lists.get(ms) === list) lists.delete(ms);
      return;
    }
    if (list.head > 1_024 && list.head * 2 > entries.length) {
      entries.splice(0, list.head);
      list.head = 0;
    }
    while (entries[list.head]!.fn === undefined) list.head++;
    arm(ms, list, Math.max(0, entries[list.head]!.due - now));
  };
  const disarmIfIdle = (ms: number, list: TimerList): void => {
    if (list.live > 0) return;
    list.armed?.unsubscribe();
    list.armed = undefined;
    if (lists.get(ms) === list) lists.delete(ms);
  };
  return {
    now: () => scheduler.now(),
    setTimeout: (fn, ms) => {
      let list = lists.get(ms);
      if (list === undefined) {
        list = { entries: [], head: 0, live: 0, armed: undefined };
        lists.set(ms, list);
      }
      const entry: Entry = { due: scheduler.now() + ms, fn };
      list.entries.push(entry);
      list.live++;
      if (list.armed === undefined) arm(ms, list, ms);
      const owner = list;
      return () => {
        if (entry.fn === undefined) return;
        entry.fn = undefined;
        // Disarm only if the list is still empty a microtask later: in a boot, the next attempt
        // usually starts in the same tick, and re-arming a scheduler action per attempt costs
        // more than the attempt.
        if (--owner.live === 0) queueMicrotask(() => disarmIfIdle(ms, owner));
      };
    },
  };
}
