/**
 * Where a component is in its lifecycle. `docs/lifecycle.md` draws the state machine.
 *
 * @example
 * ```ts
 * warmup.status$(Db).subscribe((s) => console.log(s)); // pending, loading, ready
 * ```
 */
export enum ComponentStatus {
  Pending = 'pending',
  Loading = 'loading',
  Ready = 'ready',
  Degraded = 'degraded',
  Failed = 'failed',
  Stopped = 'stopped',
}

/**
 * Ready or Degraded: the instance may be handed out.
 *
 * @example
 * ```ts
 * if (isUsable(warmup.getStatus(Db))) serve();
 * ```
 */
export function isUsable(status: ComponentStatus): boolean {
  return status === ComponentStatus.Ready || status === ComponentStatus.Degraded;
}

/** Ready, Degraded, Failed or Stopped: the load is over. */
export function isSettled(status: ComponentStatus): boolean {
  return status !== ComponentStatus.Pending && status !== ComponentStatus.Loading;
}
