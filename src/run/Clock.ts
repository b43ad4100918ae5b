import type { SchedulerLike } from 'rxjs';

/**
 * The one seam through which preheat reads time. Built from an RxJS scheduler, so tests can use
 * jest fake timers (with the default `asyncScheduler`) or a virtual-time scheduler.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** A {@link Clock} over an RxJS scheduler. */
export function clockFrom(scheduler: SchedulerLike): Clock {
  return {
    now: () => scheduler.now(),
    setTimeout: (fn, ms) => {
      const subscription = scheduler.schedule(fn, ms);
      return () => subscription.unsubscribe();
    },
  };
}
