import { InvalidOptionError, type ComponentId, type PreheatError } from '../../index.js';
import type { ActiveSpan } from './activeSpan.js';
import type { LambdaContext } from './LambdaTypes.js';

/**
 * Options of `withWarmup`. Every field is optional.
 *
 * @example
 * ```ts
 * withWarmup(warmup, handler, {
 *   initBudgetMs: 3_000,               // at most 3 s of Lambda's 10 s init phase for CRITICAL
 *   requires: [Db],                    // an invocation waits for Db only, not for the whole boot
 *   reserveMs: 500,                    // leave the handler at least 500 ms of the invocation
 *   onNotReady: () => ({ statusCode: 503, headers: { 'retry-after': '1' }, body: '' }),
 * });
 * ```
 */
export interface WithWarmupOptions<TEvent = unknown, TResult = unknown, TContext extends LambdaContext = LambdaContext> {
  /**
   * How much of the init phase to spend waiting for the CRITICAL wave, in ms. Lambda stops an init
   * after 10 s (and bills it from then on with SnapStart or provisioned concurrency), so keep it
   * well under. Default 4_000. The boot keeps going after it; invocations wait for the rest.
   */
  readonly initBudgetMs?: number;
  /**
   * What an invocation needs before the handler runs: these components usable. Default: the whole
   * boot (every required boot component). Checked per invocation by a status lookup once warm.
   */
  readonly requires?: readonly ComponentId[];
  /**
   * Time kept for the handler itself: an invocation waits for `requires` at most
   * `context.getRemainingTimeInMillis() - reserveMs` ms. Default 1_000.
   */
  readonly reserveMs?: number;
  /** Whether an event is a warmer ping (answered without running the handler). Default {@link isWarmerEvent}. */
  readonly isWarmer?: (event: TEvent) => boolean;
  /**
   * What a warmer ping answers (after waiting, within the time left, for what invocations need:
   * that is what it is for). Default `{ warmed: true, ready, coldStart }`.
   */
  readonly onWarmer?: (event: TEvent, context: TContext, state: { readonly ready: boolean; readonly coldStart: boolean }) => TResult | Promise<TResult>;
  /**
   * What to answer when what the invocation requires did not become usable in time or failed, e.g.
   * an API Gateway 503. Default: rethrow the error (ComponentNotReadyError when the time ran out;
   * for a failure, the component's own error with `requires`, else a ComponentNotReadyError naming
   * it with that error as `cause`), so Lambda records a failed invocation.
   */
  readonly onNotReady?: (error: PreheatError, event: TEvent, context: TContext) => TResult | Promise<TResult>;
  /**
   * Where `faas.coldstart` is written: the active OpenTelemetry span. Default:
   * `trace.getActiveSpan()` of `@opentelemetry/api` when it is installed; `false` turns it off.
   */
  readonly activeSpan?: ActiveSpan | false;
}

const owner = 'withWarmup';

/** Throws InvalidOptionError for options `withWarmup` cannot use. */
export function checkWithWarmupOptions(handler: unknown, options: WithWarmupOptions<never, unknown, never>): void {
  if (typeof handler !== 'function') throw new InvalidOptionError(owner, 'handler', 'must be an async function (event, context)', handler);
  const { initBudgetMs, reserveMs, requires, isWarmer, onWarmer, onNotReady, activeSpan } = options;
  for (const [name, value] of [['initBudgetMs', initBudgetMs], ['reserveMs', reserveMs]] as const) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value <= 900_000)) {
      throw new InvalidOptionError(owner, name, 'must be a number of ms between 0 and 900000 (Lambda’s longest timeout)', value);
    }
  }
  if (requires !== undefined && !Array.isArray(requires)) throw new InvalidOptionError(owner, 'requires', 'must be a list of component tokens or names', requires);
  for (const [name, value] of [['isWarmer', isWarmer], ['onWarmer', onWarmer], ['onNotReady', onNotReady]] as const) {
    if (value !== undefined && typeof value !== 'function') throw new InvalidOptionError(owner, name, 'must be a function', value);
  }
  if (activeSpan !== undefined && activeSpan !== false && typeof activeSpan !== 'function') {
    throw new InvalidOptionError(owner, 'activeSpan', 'must be a function returning the active span, or false', activeSpan);
  }
}
