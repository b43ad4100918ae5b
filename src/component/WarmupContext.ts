/**
 * Tags of a step: a few low-cardinality facts about it (`{ table: 'users', rows: 1200 }`), kept in
 * the report and put on the step's OpenTelemetry span as attributes.
 *
 * @example
 * ```ts
 * await ctx.step('migrate', () => migrate(pool), { schema: 'v42' });
 * ```
 */
export type StepTags = Readonly<Record<string, string | number | boolean>>;

/**
 * The work of one step: receives the attempt's AbortSignal and the scope to start nested steps in.
 *
 * @example
 * ```ts
 * const connect: StepWork<Pool> = (signal) => createPool({ signal });
 * ```
 */
export type StepWork<T> = (signal: AbortSignal, steps: StepScope) => T | PromiseLike<T>;

/**
 * Where steps start. The attempt's context is the top-level scope; the second argument of a step's
 * work is the scope of that step, so steps started through it are its children.
 *
 * @example
 * ```ts
 * await ctx.step('migrate', async (signal, steps) => {
 *   await steps.step('lock', () => lock(signal));      // a child of 'migrate'
 *   await steps.step('apply', () => apply(signal), { files: 3 });
 * });
 * ```
 */
export interface StepScope {
  /**
   * Runs `fn` as a named step of this attempt and resolves with its result (or rejects with its
   * error). The step's start and end (its error, if it threw) go into the attempt's record in the
   * boot report, the timeline, the trace and the OpenTelemetry spans. A step started after the
   * attempt was aborted (timed out or cancelled) does not run: it rejects with the abort reason.
   */
  step<T>(name: string, fn: StepWork<T>, tags?: StepTags): Promise<Awaited<T>>;
}

/**
 * What the warm-up of one attempt can use besides its own code: the signal, the attempt number,
 * named steps, and a way to push its timeout out while it makes progress. A loader gets it as its
 * argument (a `LoadContext` adds `get`); a class gets it as the second argument of `onWarmup`.
 *
 * @example
 * ```ts
 * @Component({ timeout: 5_000, maxTimeout: 60_000 })
 * class Index implements OnWarmup {
 *   async onWarmup(signal: AbortSignal, ctx: WarmupContext) {
 *     for (const shard of shards) {
 *       await ctx.step('shard', () => this.load(shard, signal), { shard: shard.id });
 *       ctx.extendTimeout(5_000); // progress: 5 s more from now, never past 60 s in all
 *     }
 *   }
 * }
 * ```
 */
export interface WarmupContext extends StepScope {
  /** Aborted when the attempt times out or the container shuts down. */
  readonly signal: AbortSignal;
  /** 1-based attempt number. */
  readonly attempt: number;
  /**
   * Progress: pushes this attempt's deadline out to `ms` from now, never earlier than it already is
   * and never past the attempt's start + the component's `maxTimeout` (which defaults to `timeout`,
   * so by default nothing moves). Each move is recorded in the attempt's `extensions`. Returns the
   * deadline after the call (a reading of the Warmup's clock, ms); NaN once the attempt is over.
   */
  extendTimeout(ms: number): number;
}
