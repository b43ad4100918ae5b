/**
 * One move of an attempt's deadline by `ctx.extendTimeout(ms)`. Times are from the Warmup's clock.
 *
 * @example
 * ```ts
 * for (const e of report.components.index.attemptHistory[0]?.extensions ?? []) console.log(e.at, '→', e.deadline);
 * ```
 */
export interface TimeoutExtension {
  /** When the component asked. */
  readonly at: number;
  /** The attempt's deadline from then on. */
  readonly deadline: number;
  /** Set when `maxTimeout` cut the request short. */
  readonly capped?: true;
}
