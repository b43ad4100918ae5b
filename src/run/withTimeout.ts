import type { Clock } from './Clock.js';

/** How {@link withTimeout} ends the wait early. */
export interface TimeoutConfig<T> {
  /** Limit in ms; Infinity sets no timer at all. */
  readonly each: number;
  /** Aborted with the timeout error when the limit passes; its abort also ends the wait. */
  readonly controller: AbortController;
  /** Builds the error the wait rejects with on timeout. */
  readonly onTimeout: () => Error;
  /** Receives a value that arrives after the wait ended (to dispose it). */
  readonly onLateValue?: (value: T) => void;
}

/**
 * Waits for `work`, but stops waiting at once when the limit passes or the controller's signal
 * aborts: the returned promise rejects with the signal's reason, and whatever `work` does later is
 * handled here (a late value goes to `onLateValue`, a late error is dropped), so nothing is left
 * unhandled.
 */
export function withTimeout<T>(clock: Clock, work: Promise<T>, config: TimeoutConfig<T>): Promise<T> {
  const { each, controller, onTimeout, onLateValue } = config;
  const { signal } = controller;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const cancelTimer = Number.isFinite(each) ? clock.setTimeout(() => controller.abort(onTimeout()), each) : undefined;
    const onAbort = (): void => {
      if (done) return;
      done = true;
      cancelTimer?.();
      reject(signal.reason as Error);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        if (done) {
          onLateValue?.(value);
          return;
        }
        done = true;
        cancelTimer?.();
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        cancelTimer?.();
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
