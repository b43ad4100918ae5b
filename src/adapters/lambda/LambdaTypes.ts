/**
 * The part of Lambda's `context` object preheat reads: structurally compatible with
 * `Context` from `@types/aws-lambda`, so the adapter needs no type package.
 *
 * @example
 * ```ts
 * const context: LambdaContext = { awsRequestId: 'local-1', getRemainingTimeInMillis: () => 3_000 };
 * ```
 */
export interface LambdaContext {
  /** Milliseconds left before Lambda stops this invocation. */
  getRemainingTimeInMillis(): number;
  readonly awsRequestId?: string;
}

/**
 * An async Lambda handler, as `withWarmup` takes and returns it.
 *
 * @example
 * ```ts
 * const handler: LambdaHandler<{ id: string }, { statusCode: number }> = async (event) => ({ statusCode: 200 });
 * ```
 */
export type LambdaHandler<TEvent = unknown, TResult = unknown, TContext extends LambdaContext = LambdaContext> = (
  event: TEvent,
  context: TContext,
) => Promise<TResult>;

/**
 * How the init phase ended for the Warmup: `ready` when the CRITICAL wave was usable within
 * `initBudgetMs`; `timeout` when the budget passed first (the boot goes on, the first invocations
 * wait for what they need); `failed` when a required CRITICAL component failed.
 *
 * @example
 * ```ts
 * const { critical, elapsedMs } = await handler.initialized;
 * if (critical !== 'ready') console.warn(`init ended after ${elapsedMs} ms with CRITICAL ${critical}`);
 * ```
 */
export interface InitOutcome {
  readonly critical: 'ready' | 'timeout' | 'failed';
  /** From `withWarmup` being called (module load) to the end of the init wait, wall clock (`Date.now()`). */
  readonly elapsedMs: number;
  /** The wait's error when not `ready`. */
  readonly error?: unknown;
}

/**
 * What `withWarmup` returns: the handler to export, plus the init phase's promise.
 *
 * @example
 * ```ts
 * export const handler = withWarmup(warmup, async (event) => ({ statusCode: 200 }));
 * await handler.initialized; // ESM: holds Lambda's init phase until CRITICAL is usable or the budget passed
 * ```
 */
export interface WarmHandler<TEvent, TResult, TContext extends LambdaContext = LambdaContext> extends LambdaHandler<TEvent, TResult, TContext> {
  /** Resolves (never rejects) once CRITICAL is usable, failed, or `initBudgetMs` passed. */
  readonly initialized: Promise<InitOutcome>;
}

/**
 * What a warmer invocation answers by default.
 *
 * @example
 * ```json
 * { "warmed": true, "ready": true, "coldStart": false }
 * ```
 */
export interface WarmerResponse {
  readonly warmed: true;
  /** Whether what the invocations need was usable when it answered. */
  readonly ready: boolean;
  /** Whether this was the container's first invocation. */
  readonly coldStart: boolean;
}
