import type { SchedulerLike, Subscription } from 'rxjs';

/**
 * The one seam through which preheat reads time. Built from an RxJS scheduler, so tests can use
 * jest fake timers (with the default `asyncScheduler`) or a virtual-time scheduler.
 */
export interface Clock {
  /** The time in ms (a plain function: safe to pass around without its object). */
  readonly now: () => number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
  /**
   * Arms `task` to fire `ms` after `from` (a reading of {@link now}; default: now), calling its
   * `onTimer()`, without allocating anything per timer: the hot path's form of {@link setTimeout}.
   * A task is armed at most once.
   */
  arm(task: TimerTask, ms: number, from?: number): void;
  /** Cancels an armed task; a no-op once it fired or was cancelled. */
  disarm(task: TimerTask): void;
}

/** Something {@link Clock.arm} can fire: its own field holds the timer's state. */
export interface TimerTask {
  /** Set by the clock: the list the task waits in, undefined when not armed. */
  timerList: object | undefined;
  onTimer(): void;
}

interface TimerList {
  readonly ms: number;
  readonly tasks: TimerTask[];
  /** Deadlines, parallel to `tasks` (a double array: no boxed number per timer). */
  readonly dues: number[];
  head: number;
  live: number;
  armed: Subscription | undefined;
}

/** A {@link TimerTask} around a plain callback (for {@link Clock.setTimeout}). */
class CallbackTask implements TimerTask {
  timerList: object | undefined = undefined;
  constructor(readonly onTimer: () => void) {}
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
  const schedule = (list: TimerList, delay: number): void => {
    list.armed = scheduler.schedule(() => fire(list), delay);
  };
  const fire = (list: TimerList): void => {
    list.armed = undefined;
    const now = scheduler.now();
    const { tasks, dues } = list;
    let thrown: { error: unknown } | undefined;
    while (list.head < tasks.length) {
      const task = tasks[list.head]!;
      const live = task.timerList === list;
      if (live && dues[list.head]! > now) break;
      list.head++;
      if (!live) continue;
      task.timerList = undefined;
      list.live--;
      try {
        task.onTimer();
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
      dropList(list);
      return;
    }
    if (list.head > 1_024 && list.head * 2 > tasks.length) {
      tasks.splice(0, list.head);
      dues.splice(0, list.head);
      list.head = 0;
    }
    while (tasks[list.head]!.timerList !== list) list.head++;
    schedule(list, Math.max(0, dues[list.head]! - now));
  };
  const dropList = (list: TimerList): void => {
    list.armed?.unsubscribe();
    list.armed = undefined;
    if (lists.get(list.ms) === list) lists.delete(list.ms);
  };
  const disarmIfIdle = (list: TimerList): void => {
    if (list.live === 0) dropList(list);
  };
  const arm = (task: TimerTask, ms: number, from = scheduler.now()): void => {
    let list = lists.get(ms);
    if (list === undefined) {
      list = { ms, tasks: [], dues: [], head: 0, live: 0, armed: undefined };
      lists.set(ms, list);
    }
    task.timerList = list;
    list.live++;
    const due = from + ms;
    const { tasks, dues } = list;
    if (dues.length === list.head) {
      // Nothing waiting: a new list, or one whose cancelled timers were all compacted away while
      // its action stayed armed for the first of them, maybe later than this deadline.
      list.armed?.unsubscribe();
      tasks.push(task);
      dues.push(due);
      schedule(list, Math.max(0, due - scheduler.now()));
      return;
    }
    if (dues[dues.length - 1]! <= due) {
      tasks.push(task);
      dues.push(due);
      if (list.armed === undefined) schedule(list, Math.max(0, due - scheduler.now()));
      return;
    }
    // Counted from an earlier reading while a later timer was armed meanwhile (a loader that armed
    // one during its synchronous part): keep the list in deadline order. Rare, so a splice will do.
    let lo = list.head;
    let hi = dues.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dues[mid]! <= due) lo = mid + 1;
      else hi = mid;
    }
    tasks.splice(lo, 0, task);
    dues.splice(lo, 0, due);
    if (lo === list.head) {
      // The new earliest deadline: the scheduled action must come sooner.
      list.armed?.unsubscribe();
      schedule(list, Math.max(0, due - scheduler.now()));
    }
  };
  /** Drops cancelled tasks from a list, keeping the order (so deadlines still only grow). */
  const compact = (list: TimerList): void => {
    const { tasks, dues } = list;
    let kept = 0;
    for (let k = list.head; k < tasks.length; k++) {
      if (tasks[k]!.timerList !== list) continue;
      tasks[kept] = tasks[k]!;
      dues[kept] = dues[k]!;
      kept++;
    }
    tasks.length = kept;
    dues.length = kept;
    list.head = 0;
  };
  const disarm = (task: TimerTask): void => {
    const list = task.timerList as TimerList | undefined;
    if (list === undefined) return;
    task.timerList = undefined;
    // Disarm only if the list is still empty a microtask later: in a boot, the next attempt
    // usually starts in the same tick, and re-arming a scheduler action per attempt costs more
    // than the attempt.
    if (--list.live === 0) queueMicrotask(() => disarmIfIdle(list));
    // A boot keeps the list busy for its whole length, so cancelled tasks (whole attempts) would
    // pile up until the timer fires; once they outnumber the live ones, they go. O(1) amortised.
    const waiting = list.tasks.length - list.head;
    if (waiting > 1_024 && waiting > 2 * list.live) compact(list);
  };
  return {
    now: () => scheduler.now(),
    arm,
    disarm,
    setTimeout: (fn, ms) => {
      const task = new CallbackTask(fn);
      arm(task, ms);
      return () => disarm(task);
    },
  };
}
