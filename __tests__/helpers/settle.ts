import { jest } from '@jest/globals';

/**
 * Advances jest's fake clock in `step` ms increments until `promise` settles (or `max` steps pass),
 * then returns it. For tests in virtual time: nothing sleeps for real.
 */
export async function settle<T>(promise: Promise<T>, step = 10, max = 10_000): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < max && !done; i++) await jest.advanceTimersByTimeAsync(step);
  return promise;
}
