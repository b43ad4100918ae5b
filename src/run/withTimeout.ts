import type { AttemptAbort } from './AttemptAbort.js';
import type { Clock } from './Clock.js';

/** How {@link withTimeout} ends the wait early. */
export interface TimeoutConfig<T> {
  /** Limit in ms; Infinity sets no timer at all. */
  readonly each: number;
  /** Aborted with the timeout error when the limit passes; its abort (for any reason) ends the wait. */
  readonly abort: AttemptAbort;
  /** Builds the error the wait rejects with on timeout. */
  readonly onTimeout: () => Error;
  /** Receives a value that arrives after the wait ended (to dispose it). */
  readonly onLateValue?: (value: T) => void;
}

/**
 * Waits for `work`, but stops waiting at once when the limit passes or the attempt is aborted: the
 * returned promise rejects with the abort reason, and whatever `work` does later is handled here (a
 * late value goes to `onLateValue`, a late error is dropped), so nothing is left unhandled.
 */
export function withTimeout<T>(clock: Clock, work: Promise<T>, config: TimeoutConfig<T>): Promise<T> {
  const { each, abort, onTimeout, onLateValue } = config;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const cancelTimer = Number.isFinite(each) ? clock.setTimeout(() => abort.abort(onTimeout()), each) : undefined;
    const finish = (): boolean => {
      if (done) return false;
      done = true;
      cancelTimer?.();
      abort.onAbort(undefined);
      return true;
    };
    if (abort.aborted) {
      finish();
      reject(abort.reason);
    } else {
      abort.onAbort((reason) => {
        if (finish()) reject(reason);
      });
    }
    work.then(
      (value) => {
        if (finish()) resolve(value);
        else onLateValue?.(value);
      },
      (error: unknown) => {
        if (finish()) reject(error);
      },
    );
  });
}
