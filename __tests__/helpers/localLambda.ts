/**
 * A local stand-in for one Lambda execution environment, for tests (no cloud): the init phase
 * (the module body runs, then its top-level await, within Lambda's 10 s init limit), then
 * invocations one at a time, each with a context whose `getRemainingTimeInMillis` counts down to
 * the function's timeout. Time is read through `Date.now` and `setTimeout`, so jest's fake timers
 * drive it as well as real time does.
 */
import type { LambdaContext } from '../../src/adapters/lambda/index.js';

/** What a handler module gives: its exported handler, and what its top-level `await` waits on. */
export interface LambdaModule<TEvent, TResult> {
  readonly handler: (event: TEvent, context: LambdaContext) => Promise<TResult>;
  readonly topLevelAwait?: Promise<unknown>;
}

export type InitResult = { readonly status: 'ok'; readonly durationMs: number } | { readonly status: 'timeout'; readonly durationMs: number } | { readonly status: 'error'; readonly error: unknown };

export type InvokeResult<TResult> =
  | { readonly status: 'ok'; readonly result: TResult; readonly durationMs: number; readonly remainingMs: number }
  | { readonly status: 'error'; readonly error: unknown; readonly durationMs: number }
  | { readonly status: 'timeout'; readonly durationMs: number };

/** Lambda's own limit on the init phase. */
export const lambdaInitLimitMs = 10_000;

function race<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms)));
  return Promise.race([work.then((value) => ({ done: true as const, value })), timeout]).finally(() => clearTimeout(timer));
}

export class LocalLambda<TEvent, TResult> {
  #module: LambdaModule<TEvent, TResult> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #requests = 0;
  /** The contexts handed out, in order. */
  readonly contexts: LambdaContext[] = [];

  constructor(
    private readonly load: () => LambdaModule<TEvent, TResult>,
    private readonly options: { readonly initLimitMs?: number; readonly timeoutMs?: number } = {},
  ) {}

  /** The init phase: runs the module body, then waits for its top-level await within the init limit. */
  async init(): Promise<InitResult> {
    const started = Date.now();
    let loaded: LambdaModule<TEvent, TResult>;
    try {
      loaded = this.load();
    } catch (error) {
      return { status: 'error', error };
    }
    try {
      const outcome = await race(Promise.resolve(loaded.topLevelAwait), this.options.initLimitMs ?? lambdaInitLimitMs);
      if (!outcome.done) return { status: 'timeout', durationMs: Date.now() - started };
    } catch (error) {
      return { status: 'error', error };
    }
    this.#module = loaded;
    return { status: 'ok', durationMs: Date.now() - started };
  }

  /** One invocation, after the ones before it (an environment serves one request at a time). */
  invoke(event: TEvent, timeoutMs = this.options.timeoutMs ?? 3_000): Promise<InvokeResult<TResult>> {
    const run = this.#queue.then(() => this.#invoke(event, timeoutMs));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #invoke(event: TEvent, timeoutMs: number): Promise<InvokeResult<TResult>> {
    const module = this.#module;
    if (module === undefined) throw new Error('LocalLambda: init() did not succeed; Lambda would not invoke this environment');
    const started = Date.now();
    const deadline = started + timeoutMs;
    const context: LambdaContext = { awsRequestId: `local-${++this.#requests}`, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
    this.contexts.push(context);
    try {
      const outcome = await race(module.handler(event, context), timeoutMs);
      if (!outcome.done) return { status: 'timeout', durationMs: Date.now() - started };
      return { status: 'ok', result: outcome.value, durationMs: Date.now() - started, remainingMs: context.getRemainingTimeInMillis() };
    } catch (error) {
      return { status: 'error', error, durationMs: Date.now() - started };
    }
  }
}
