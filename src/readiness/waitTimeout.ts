import { throwError, timeout as rxTimeout, type Observable, type SchedulerLike } from 'rxjs';
import { ComponentStatus } from '../component/ComponentStatus.js';
import { ComponentNotReadyError } from './ComponentNotReadyError.js';

/** Who to name when a wait times out. */
export interface WaitCulprit {
  readonly name: string;
  readonly status: ComponentStatus;
}

/**
 * Limits a wait to `timeout` ms on the Warmup's scheduler (no limit when undefined or Infinity); on
 * timeout it errors with ComponentNotReadyError naming the component still not usable.
 */
export function waitTimeout<T>(source: Observable<T>, timeout: number | undefined, scheduler: SchedulerLike, culprit: () => WaitCulprit | undefined): Observable<T> {
  if (timeout === undefined || !Number.isFinite(timeout)) return source;
  return source.pipe(
    rxTimeout({
      first: timeout,
      scheduler,
      with: () => {
        const who = culprit() ?? { name: '(none)', status: ComponentStatus.Pending };
        return throwError(
          () => new ComponentNotReadyError(who.name, who.status, `still not usable after ${timeout} ms; check the boot report for what it waits on.`),
        );
      },
    }),
  );
}
