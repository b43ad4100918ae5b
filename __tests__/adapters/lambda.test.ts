import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { context, ROOT_CONTEXT, trace, type Context, type ContextManager } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Container } from 'inversify';
import { ComponentNotReadyError, ErrorCode, InvalidOptionError, PreheatError, Priority, UnknownComponentError, Warmup } from '../../src/index.js';
import { isWarmerEvent, withWarmup, type WithWarmupOptions } from '../../src/adapters/lambda/index.js';
import { LocalLambda } from '../helpers/localLambda.js';

// No unhandled rejections: jest 30 fails the test during which a rejection goes unhandled (it
// listens on the real process; a `process.on('unhandledRejection')` here would only reach jest's
// sandboxed process object and never fire).

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Event {
  readonly path?: string;
  readonly source?: string;
  readonly 'detail-type'?: string;
}
interface Answer {
  readonly statusCode: number;
  readonly body?: string;
}

/**
 * The handler module under test, as a function of its options: its body builds the Warmup
 * (config: CRITICAL, 100 ms; db: HIGH, `dbMs`) and wraps the handler; its top-level await is
 * `handler.initialized`, as an ES module handler writes it.
 */
function handlerModule(options: WithWarmupOptions<Event, Answer> & { readonly configMs?: number; readonly dbMs?: number; readonly dbFails?: boolean } = {}) {
  const { configMs = 100, dbMs = 2_000, dbFails = false, ...wrapOptions } = options;
  const calls = { handler: 0, configLoads: 0, dbLoads: 0 };
  let warmup!: Warmup;
  const load = () => {
    const container = new Container();
    warmup = new Warmup(container).register(
      { token: 'config', priority: Priority.CRITICAL, load: () => sleep(configMs).then(() => ({ loads: ++calls.configLoads })) },
      {
        token: 'db',
        priority: Priority.HIGH,
        dependsOn: ['config'],
        load: async () => {
          calls.dbLoads++;
          await sleep(dbMs);
          if (dbFails) throw new Error('connection refused');
          return { query: () => 'rows' };
        },
      },
    );
    const handler = withWarmup(
      warmup,
      async (event: Event): Promise<Answer> => {
        calls.handler++;
        return { statusCode: 200, body: `${event.path ?? ''} ${container.get<{ query(): string }>('db').query()}` };
      },
      { activeSpan: false, ...wrapOptions },
    );
    return { handler, topLevelAwait: handler.initialized };
  };
  return { load, calls, warmup: () => warmup };
}

describe('withWarmup', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  /** Runs `work` while fake time advances in steps, until it settles. */
  async function drive<T>(work: Promise<T>, stepMs = 50, maxMs = 60_000): Promise<T> {
    let settled = false;
    void work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let t = 0; !settled && t < maxMs; t += stepMs) await jest.advanceTimersByTimeAsync(stepMs);
    return work;
  }

  describe('having a cold environment', () => {
    it('should boot at module load, end the init phase when CRITICAL is usable, then finish the rest on the first invocation', async () => {
      const mod = handlerModule();
      const lambda = new LocalLambda(mod.load);
      const init = await drive(lambda.init(), 10);
      expect(init).toEqual({ status: 'ok', durationMs: 100 });
      expect(mod.warmup().getStatus('db')).toBe('loading'); // the rest goes on after the init phase

      const first = await drive(lambda.invoke({ path: '/a' }, 5_000), 10);
      expect(first).toMatchObject({ status: 'ok', result: { statusCode: 200, body: '/a rows' } });
      expect(first.status === 'ok' && first.durationMs).toBe(2_000);
      const second = await drive(lambda.invoke({ path: '/b' }, 5_000), 10);
      expect(second).toMatchObject({ status: 'ok', result: { statusCode: 200, body: '/b rows' }, durationMs: 0 });
      expect(mod.calls).toEqual({ handler: 2, configLoads: 1, dbLoads: 1 }); // one container for every invocation
    });

    it('should wait only for `requires` when it is given', async () => {
      const mod = handlerModule({ requires: ['config'], dbMs: 60_000 });
      const lambda = new LocalLambda<Event, Answer>(() => {
        const loaded = mod.load();
        // This handler reads config only; db is still loading.
        return { ...loaded, handler: (event, ctx) => loaded.handler(event, ctx).catch((error: unknown) => ({ statusCode: 500, body: String(error) })) as Promise<Answer> };
      });
      await drive(lambda.init(), 10);
      expect(mod.warmup().getStatus('db')).toBe('loading');
      const answer = await drive(lambda.invoke({}), 10);
      // The handler ran without waiting for db (and its container.get('db') said so).
      expect(answer).toMatchObject({ status: 'ok', durationMs: 0, result: { statusCode: 500 } });
      expect(mod.calls.handler).toBe(1);
      await mod.warmup().shutdown();
    });
  });

  describe('having `requires` that are still loading', () => {
    it('should wait for them with the time left, then run the handler; and answer onNotReady when one fails', async () => {
      const mod = handlerModule({ requires: ['db'] });
      const lambda = new LocalLambda(mod.load);
      await drive(lambda.init(), 10);
      expect(await drive(lambda.invoke({ path: '/r' }, 5_000), 10)).toMatchObject({ status: 'ok', durationMs: 2_000, result: { statusCode: 200, body: '/r rows' } });

      const failing = handlerModule({ requires: ['db'], dbFails: true, onNotReady: (error) => ({ statusCode: 503, body: `${error.code} ${error.component}` }) });
      const broken = new LocalLambda(failing.load);
      await drive(broken.init(), 10);
      expect(await drive(broken.invoke({}, 5_000), 10)).toMatchObject({ status: 'ok', durationMs: 2_000, result: { statusCode: 503, body: `${ErrorCode.LoadFailed} db` } }); // whenReady: the load's own error
      expect(failing.calls.handler).toBe(0);
    });
  });

  describe('having an init that outlasts its budget', () => {
    it('should end the init phase at initBudgetMs, not at Lambda’s 10 s limit, and let the first invocation wait for CRITICAL', async () => {
      const mod = handlerModule({ configMs: 8_000, dbMs: 100, initBudgetMs: 2_000 });
      const lambda = new LocalLambda(mod.load);
      expect(await drive(lambda.init(), 100)).toEqual({ status: 'ok', durationMs: 2_000 });
      const first = await drive(lambda.invoke({ path: '/' }, 10_000), 100);
      expect(first).toMatchObject({ status: 'ok', result: { statusCode: 200 }, durationMs: 6_100 });
    });

    it('should report the init outcome as a timeout, with the component still loading', async () => {
      const mod = handlerModule({ configMs: 8_000, initBudgetMs: 2_000 });
      const { handler } = mod.load();
      const outcome = await drive(handler.initialized, 100);
      expect(outcome).toMatchObject({ critical: 'timeout', elapsedMs: 2_000 });
      expect(outcome.error).toBeInstanceOf(ComponentNotReadyError);
      await mod.warmup().shutdown();
    });

    it('should be timed out by Lambda when the module awaits the whole boot instead (what withWarmup avoids)', async () => {
      const mod = handlerModule({ configMs: 8_000, dbMs: 4_000 });
      const lambda = new LocalLambda(() => {
        const loaded = mod.load();
        return { ...loaded, topLevelAwait: mod.warmup().boot() };
      });
      expect(await drive(lambda.init(), 100)).toEqual({ status: 'timeout', durationMs: 10_000 });
      await mod.warmup().shutdown();
    });

    it('should fail an invocation whose time runs out before what it needs is usable, or answer onNotReady', async () => {
      const mod = handlerModule({
        configMs: 30_000,
        initBudgetMs: 1_000,
        onNotReady: (error) => ({ statusCode: 503, body: error.code }),
      });
      const lambda = new LocalLambda(mod.load);
      await drive(lambda.init(), 100);
      // 3 s timeout, 1 s reserved for the handler: the wait gives up after 2 s.
      expect(await drive(lambda.invoke({}, 3_000), 100)).toMatchObject({ status: 'ok', durationMs: 2_000, result: { statusCode: 503, body: ErrorCode.NotReady } });
      expect(mod.calls.handler).toBe(0);
      await mod.warmup().shutdown();
    });
  });

  describe('having a warmer event', () => {
    it.each([
      ['serverless-plugin-warmup', { source: 'serverless-plugin-warmup' }],
      ['an EventBridge schedule (@middy/warmup)', { source: 'aws.events', 'detail-type': 'Scheduled Event' }],
    ])('should answer %s without running the handler, after warming the cold environment', async (_, event) => {
      const mod = handlerModule();
      const lambda = new LocalLambda(mod.load);
      await drive(lambda.init(), 10);
      const ping = await drive(lambda.invoke(event, 5_000), 10);
      expect(ping).toMatchObject({ status: 'ok', durationMs: 2_000, result: { warmed: true, ready: true, coldStart: true } });
      expect(mod.calls.handler).toBe(0);
      expect(await drive(lambda.invoke(event), 10)).toMatchObject({ status: 'ok', durationMs: 0, result: { warmed: true, ready: true, coldStart: false } });
      // The next real request finds it warm.
      expect(await drive(lambda.invoke({ path: '/' }), 10)).toMatchObject({ status: 'ok', durationMs: 0, result: { statusCode: 200 } });
    });

    it('should use isWarmer and onWarmer when given', async () => {
      const mod = handlerModule({
        isWarmer: (event) => event.path === '/__warm',
        onWarmer: (_event, ctx, state) => ({ statusCode: 204, body: `${ctx.awsRequestId} ${state.ready}` }),
      });
      const lambda = new LocalLambda(mod.load);
      await drive(lambda.init(), 10);
      expect(await drive(lambda.invoke({ path: '/__warm' }, 5_000), 10)).toMatchObject({ result: { statusCode: 204, body: 'local-1 true' } });
      expect(await drive(lambda.invoke({ source: 'serverless-plugin-warmup' }), 10)).toMatchObject({ result: { statusCode: 200 } });
      expect(mod.calls.handler).toBe(1);
    });

    it('should answer ready: false when the warm-up does not finish in the ping’s time', async () => {
      const mod = handlerModule({ dbMs: 60_000 });
      const lambda = new LocalLambda(mod.load);
      await drive(lambda.init(), 10);
      expect(await drive(lambda.invoke({ source: 'serverless-plugin-warmup' }, 2_000), 100)).toMatchObject({ result: { warmed: true, ready: false } });
      await mod.warmup().shutdown();
    });
  });

  describe('having a required component that fails', () => {
    it('should reject every invocation with its error without running the handler, and leave no rejection unhandled', async () => {
      const mod = handlerModule({ dbFails: true });
      const lambda = new LocalLambda(mod.load);
      expect(await drive(lambda.init(), 10)).toMatchObject({ status: 'ok' });
      const first = await drive(lambda.invoke({}, 5_000), 10);
      expect(first.status).toBe('error');
      const error = first.status === 'error' ? first.error : undefined;
      // The wait's error names the component; its cause is the load's own error.
      expect(PreheatError.is(error) && [error.code, error.component]).toEqual([ErrorCode.NotReady, 'db']);
      expect(((error as Error).cause as PreheatError).code).toBe(ErrorCode.LoadFailed);
      expect(await drive(lambda.invoke({}), 10)).toMatchObject({ status: 'error', durationMs: 0 });
      expect(mod.calls.handler).toBe(0);
    });

    it('should report a failed CRITICAL component as the init outcome', async () => {
      const container = new Container();
      const warmup = new Warmup(container).register({
        token: 'config',
        priority: Priority.CRITICAL,
        load: () => Promise.reject(new Error('no such file')),
      });
      const handler = withWarmup(warmup, async () => 'never', { activeSpan: false, onNotReady: (error) => `not ready: ${error.code}` });
      expect(await drive(handler.initialized, 10)).toMatchObject({ critical: 'failed', elapsedMs: 0 });
      const ctx = { getRemainingTimeInMillis: () => 3_000 };
      expect(await handler({}, ctx)).toBe(`not ready: ${ErrorCode.NotReady}`);
    });
  });

  describe('when called with bad options', () => {
    const warmup = () => new Warmup(new Container()).register({ token: 'db', load: () => 1 });
    it('should throw InvalidOptionError or UnknownComponentError at module load, before booting', () => {
      const w = warmup();
      expect(() => withWarmup(w, 'handler' as never)).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { initBudgetMs: -1 })).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { reserveMs: Number.NaN })).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { requires: 'db' as never })).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { onNotReady: 1 as never })).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { activeSpan: 'yes' as never })).toThrow(InvalidOptionError);
      expect(() => withWarmup(w, async () => 1, { requires: ['dbb'] })).toThrow(UnknownComponentError);
      expect(w.phase).toBe('idle');
    });
  });
});

describe('isWarmerEvent', () => {
  it('should tell the warmers’ events from others', () => {
    expect(isWarmerEvent({ source: 'serverless-plugin-warmup' })).toBe(true);
    expect(isWarmerEvent({ source: 'aws.events', 'detail-type': 'Scheduled Event' })).toBe(true);
    expect(isWarmerEvent({ source: 'aws.events', 'detail-type': 'EC2 Instance State-change Notification' })).toBe(false);
    expect(isWarmerEvent({ httpMethod: 'GET' })).toBe(false);
    expect(isWarmerEvent(null)).toBe(false);
    expect(isWarmerEvent('serverless-plugin-warmup')).toBe(false);
  });
});

/** A context manager that keeps the active context on a stack: enough for synchronous `context.with`. */
class StackContextManager implements ContextManager {
  #stack: Context[] = [];
  active(): Context {
    return this.#stack.at(-1) ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    this.#stack.push(ctx);
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.#stack.pop();
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#stack = [];
    return this;
  }
}

describe('withWarmup with OpenTelemetry', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    context.setGlobalContextManager(new StackContextManager());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  it('should mark the first invocation’s span faas.coldstart: true and the later ones false (and a span-less call is fine)', async () => {
    const warmup = new Warmup(new Container()).register({ token: 'config', priority: Priority.CRITICAL, load: () => ({}) });
    const wrapped = withWarmup(warmup, async () => 'ok'); // the default: @opentelemetry/api's active span
    expect(await wrapped.initialized).toMatchObject({ critical: 'ready' });
    const tracer = trace.getTracer('lambda-instrumentation');
    const invoke = (name: string) => tracer.startActiveSpan(name, (span) => wrapped({}, { getRemainingTimeInMillis: () => 3_000 }).finally(() => span.end()));
    expect(await invoke('first')).toBe('ok');
    expect(await invoke('second')).toBe('ok');
    expect(await wrapped({}, { getRemainingTimeInMillis: () => 3_000 })).toBe('ok'); // no active span
    expect(exporter.getFinishedSpans().map((span) => [span.name, span.attributes['faas.coldstart']])).toEqual([
      ['first', true],
      ['second', false],
    ]);
    await warmup.shutdown();
  });
});
