import { ComponentNotReadyError, ComponentStatus, isUsable, PreheatError, Priority, type ComponentId, type Warmup } from '../../index.js';
import { loadActiveSpan, type ActiveSpan } from './activeSpan.js';
import { isWarmerEvent } from './isWarmerEvent.js';
import type { InitOutcome, LambdaContext, LambdaHandler, WarmerResponse, WarmHandler } from './LambdaTypes.js';
import { checkWithWarmupOptions, type WithWarmupOptions } from './WithWarmupOptions.js';

const noSpan: ActiveSpan = () => undefined;
const noop = (): void => {};

/**
 * Wraps a Lambda handler so that the Warmup boots in Lambda's init phase and the rest finishes on
 * the first invocations:
 *
 * 1. **At wrap time** (module load, in the init phase) it calls `warmup.boot()`, and
 *    `handler.initialized` resolves once the CRITICAL wave is usable, or failed, or `initBudgetMs`
 *    passed, whichever comes first: `await` it at the top level of an ES module and Lambda's init
 *    phase lasts exactly that long. The boot goes on after it.
 * 2. **Each invocation** waits for what it needs (`requires`, or the whole boot) with the time the
 *    invocation has left (`context.getRemainingTimeInMillis() - reserveMs`), then runs the handler.
 *    Once warm, that costs a status lookup per required component. A component that failed, or is
 *    still loading when the time is up, rejects the invocation (or answers `onNotReady`).
 * 3. **A warmer ping** (serverless-plugin-warmup, an EventBridge schedule as `@middy/warmup` sends
 *    it; see `isWarmer`) waits the same way, so a cold container finishes warming, then answers
 *    without running the handler.
 * 4. **Cold starts**: the first invocation of the container writes `faas.coldstart: true` on the
 *    active OpenTelemetry span (the one the Lambda instrumentation opened), later ones `false`,
 *    when `@opentelemetry/api` is installed (loaded lazily; it is an optional peer dependency).
 *
 * The same container serves every invocation of this execution environment: components are
 * built once. Throws InvalidOptionError for bad options, UnknownComponentError for an unknown
 * token in `requires`.
 *
 * @example
 * ```ts
 * import { withWarmup } from 'preheat/lambda';
 *
 * const container = new Container();
 * const warmup = new Warmup(container).register(Config, Db, Search);
 *
 * export const handler = withWarmup(warmup, async (event: APIGatewayProxyEvent) => {
 *   const rows = await container.get(Db).query('select 1');
 *   return { statusCode: 200, body: JSON.stringify(rows) };
 * }, { initBudgetMs: 3_000, requires: [Db] });
 *
 * await handler.initialized; // ES module: Lambda's init phase waits for CRITICAL (3 s at most)
 * ```
 */
export function withWarmup<TEvent, TResult, TContext extends LambdaContext = LambdaContext>(
  warmup: Warmup,
  handler: LambdaHandler<TEvent, TResult, TContext>,
  options: WithWarmupOptions<TEvent, TResult, TContext> = {},
): WarmHandler<TEvent, TResult | WarmerResponse, TContext> {
  checkWithWarmupOptions(handler, options);
  const { initBudgetMs = 4_000, requires, reserveMs = 1_000, isWarmer = isWarmerEvent, onWarmer, onNotReady, activeSpan } = options;
  for (const token of requires ?? []) warmup.getStatus(token); // an unknown token fails at module load, not per request

  const startedAt = Date.now();
  // The failure reaches every invocation through its own wait; the boot's promise itself is nobody's to await.
  warmup.boot().catch(noop);
  const spanReader = activeSpan === false ? Promise.resolve(noSpan) : activeSpan !== undefined ? Promise.resolve(activeSpan) : loadActiveSpan();
  let readSpan: ActiveSpan | undefined;
  const critical = warmup.waitForCritical({ timeout: initBudgetMs }).then(
    () => ({ critical: 'ready' as const }),
    (error: unknown) => ({ critical: isStillLoading(error) ? ('timeout' as const) : ('failed' as const), error }),
  );
  const initialized: Promise<InitOutcome> = Promise.all([critical, spanReader.then((reader) => (readSpan = reader))]).then(([outcome]) => ({
    ...outcome,
    elapsedMs: Date.now() - startedAt,
  }));

  let coldStart = true;
  let bootUsable = false;
  /** Resolves once what an invocation needs is usable; rejects when it failed or the time is up. */
  const needed = async (context: TContext): Promise<void> => {
    if (requires !== undefined) {
      if (allUsable(warmup, requires)) return;
      const timeout = timeLeft(context, reserveMs);
      await Promise.all(requires.map((token) => warmup.whenReady(token, { timeout })));
      return;
    }
    if (bootUsable) return;
    await warmup.waitFor(Priority.LOW, { timeout: timeLeft(context, reserveMs) });
    bootUsable = true;
  };

  const wrapped = async (event: TEvent, context: TContext): Promise<TResult | WarmerResponse> => {
    const cold = coldStart;
    coldStart = false;
    (readSpan ?? (await spanReader))()?.setAttribute('faas.coldstart', cold);
    if (isWarmer(event)) {
      const ready = await needed(context).then(
        () => true,
        () => false,
      );
      return onWarmer !== undefined ? onWarmer(event, context, { ready, coldStart: cold }) : { warmed: true, ready, coldStart: cold };
    }
    try {
      await needed(context);
    } catch (error) {
      if (onNotReady !== undefined && PreheatError.is(error)) return onNotReady(error, event, context);
      throw error;
    }
    return handler(event, context);
  };
  return Object.assign(wrapped, { initialized });
}

/** The wait's own timeout (the component still coming), as opposed to a component that failed. */
function isStillLoading(error: unknown): boolean {
  return error instanceof ComponentNotReadyError && (error.status === ComponentStatus.Pending || error.status === ComponentStatus.Loading);
}

function allUsable(warmup: Warmup, tokens: readonly ComponentId[]): boolean {
  // An index loop: this runs on every warm invocation and must cost a lookup per token only.
  for (let i = 0; i < tokens.length; i++) if (!isUsable(warmup.getStatus(tokens[i]!))) return false;
  return true;
}

function timeLeft(context: LambdaContext, reserveMs: number): number {
  return Math.max(0, context.getRemainingTimeInMillis() - reserveMs);
}
