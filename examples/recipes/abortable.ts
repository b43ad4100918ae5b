/**
 * Waits for `work`, or rejects with `signal.reason` as soon as the signal aborts, after calling
 * `onAbort` (close the socket the work is stuck on). For client libraries that take no
 * `AbortSignal` of their own, such as `pg` and `ioredis`.
 *
 * The abandoned `work` is still observed, so when it rejects later (it usually does, once its
 * socket is closed) that is not an unhandled rejection.
 *
 * @example
 * ```ts
 * await abortable(pool.query('select 1'), signal, () => sockets.destroyAll());
 * ```
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => void = () => undefined): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) {
    onAbort();
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
