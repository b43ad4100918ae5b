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
  /** Disabled by its `enabled` option: never constructed or loaded; neither ready nor failed. Final. */
  Skipped = 'skipped',
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

/** Ready, Degraded, Failed, Stopped or Skipped: the load is over (or, for Skipped, will never be). */
export function isSettled(status: ComponentStatus): boolean {
  return status !== ComponentStatus.Pending && status !== ComponentStatus.Loading;
}
