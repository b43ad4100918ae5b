/** Calls a user hook and always returns a promise: a synchronous throw becomes a rejection. */
export function callSafely<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}
