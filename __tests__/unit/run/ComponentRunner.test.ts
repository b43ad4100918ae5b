import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import type { ComponentSpec } from '../../../src/component/ComponentSpec.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { BootCancelledError } from '../../../src/errors/BootCancelledError.js';
import { ComponentLoadError } from '../../../src/errors/ComponentLoadError.js';
import { ComponentTimeoutError } from '../../../src/errors/ComponentTimeoutError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import type { PreheatError } from '../../../src/errors/PreheatError.js';
import type { ComponentEvent } from '../../../src/readiness/ComponentEvent.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { callSafely } from '../../../src/run/callSafely.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { ComponentRunner, type LoadSink, type RunEnvironment } from '../../../src/run/ComponentRunner.js';
import { InFlight } from '../../../src/run/InFlight.js';
import { HealthRecords } from '../../../src/health/HealthRecords.js';

interface Settled {
  readonly status: ComponentStatus;
  readonly instance: unknown;
  readonly error: Error | undefined;
  readonly attempts: number;
  readonly at: number;
}

/** One component's runner over fake timers; `settled` holds what the sink heard (times since start). */
function runnerOf(definition: ComponentDefinition, env: { healthTimeout?: number; random?: () => number } = {}) {
  const spec: ComponentSpec = toComponentSpec(definition, 0);
  const states = new ComponentStates([spec]);
  states.grow(1);
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  const cancel = new AbortController();
  const inFlight = new InFlight();
  const t0 = Date.now();
  const calls: { attempt: number; at: number; signal: AbortSignal }[] = [];
  const environment: RunEnvironment = {
    health: new HealthRecords([spec], states),
    clock: clockFrom(asyncScheduler),
    healthTimeout: env.healthTimeout ?? Infinity,
    random: env.random ?? (() => 0.5),
    cancel: cancel.signal,
    inFlight,
    factory: {
      create: (s, abort, attempt) => {
        calls.push({ attempt, at: Date.now() - t0, signal: abort.signal });
        return callSafely(() => s.definition!.load({ signal: abort.signal, attempt, get: () => undefined } as never));
      },
    },
    states,
  };
  const settled: Settled[] = [];
  const sink: LoadSink = { settle: (_i, status, instance, error, attempts, at) => void settled.push({ status, instance, error, attempts, at: at - t0 }) };
  const runner = new ComponentRunner(environment, sink);
  const start = () => runner.run(spec, Date.now());
  const outcomes = () => {
    const history = states.attempts[0];
    return Array.isArray(history) ? history.map((r) => [r.attempt, r.startedAt - t0, r.finishedAt - t0, r.outcome]) : history;
  };
  const warnings = () => events.filter((e) => e.type === 'warning').map((e) => e.message);
  return { spec, states, cancel, inFlight, calls, settled, start, outcomes, warnings };
}

const sleep = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('ComponentRunner', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should settle Ready with the instance of the first attempt that works, once', async () => {
    const r = runnerOf({ token: 'a', load: () => sleep(20, 'A') });
    r.start();
    await jest.advanceTimersByTimeAsync(20);
    expect(r.settled).toEqual([{ status: ComponentStatus.Ready, instance: 'A', error: undefined, attempts: 1, at: 20 }]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(r.settled).toHaveLength(1);
  });

  it('should retry a failure after each backoff, then settle Failed with the last error, naming the attempt', async () => {
    const cause = new Error('refused');
    const r = runnerOf({ token: 'db', retries: 2, backoff: { delay: 100, factor: 3 }, load: () => Promise.reject(cause) });
    r.start();
    await jest.advanceTimersByTimeAsync(500);
    expect(r.calls.map((c) => [c.attempt, c.at])).toEqual([
      [1, 0],
      [2, 100],
      [3, 400],
    ]);
    expect(r.outcomes()).toEqual([
      [1, 0, 0, 'failed'],
      [2, 100, 100, 'failed'],
      [3, 400, 400, 'failed'],
    ]);
    expect(r.settled).toHaveLength(1);
    const { status, error, attempts, at } = r.settled[0]!;
    expect([status, attempts, at]).toEqual([ComponentStatus.Failed, 3, 400]);
    expect(error).toBeInstanceOf(ComponentLoadError);
    expect(error).toMatchObject({ component: 'db', attempt: 3, cause });
  });

  it('should pass a PreheatError the loader throws through as it is', async () => {
    const own = new ComponentTimeoutError('db', 5, 'load');
    const r = runnerOf({ token: 'db', load: () => Promise.reject(own) });
    r.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(r.settled[0]!.error).toBe(own);
  });

  it('should time an attempt out at its timeout, abort its signal, and retry', async () => {
    let second = false;
    const r = runnerOf({ token: 'slow', timeout: 50, retries: 1, backoff: { delay: 10 }, load: ({ attempt }) => (attempt === 1 ? new Promise(() => undefined) : ((second = true), 'S')) });
    r.start();
    await jest.advanceTimersByTimeAsync(49);
    expect(r.calls[0]!.signal.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(r.calls[0]!.signal.reason).toBeInstanceOf(ComponentTimeoutError);
    await jest.advanceTimersByTimeAsync(10);
    expect(second).toBe(true);
    expect(r.outcomes()).toEqual([
      [1, 0, 50, 'timeout'],
      [2, 60, 60, 'ready'],
    ]);
    expect(r.settled[0]).toMatchObject({ status: ComponentStatus.Ready, instance: 'S', attempts: 2, at: 60 });
  });

  it('should warn about work that ignores its abort, and dispose its late value when it arrives', async () => {
    const disposed: unknown[] = [];
    const late = { late: true };
    const r = runnerOf({ token: 'stubborn', timeout: 50, load: () => sleep(200, late), onShutdown: (i) => void disposed.push(i) });
    r.start();
    await jest.advanceTimersByTimeAsync(50);
    expect(r.settled[0]).toMatchObject({ status: ComponentStatus.Failed, at: 50 });
    expect((r.settled[0]!.error as PreheatError).code).toBe(ErrorCode.Timeout);
    await jest.advanceTimersByTimeAsync(1);
    expect(r.warnings()).toEqual(['attempt 1 was abandoned but its work is still running: it ignores its AbortSignal']);
    expect(r.states.abandoned[0]).toBe(1);
    await jest.advanceTimersByTimeAsync(150);
    expect(disposed).toEqual([late]);
    expect(r.states.abandoned[0]).toBe(0);
    expect(r.warnings()[1]).toBe('the abandoned attempt 1 finished: it returned an instance, which was disposed 150 ms after it was abandoned');
  });

  it('should not call work abandoned when it honours its signal at once', async () => {
    const r = runnerOf({
      token: 'polite',
      timeout: 50,
      load: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))),
    });
    r.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(r.warnings()).toEqual([]);
    expect(r.states.abandoned[0]).toBe(0);
  });

  describe('a health check', () => {
    it('should dispose an unhealthy instance and retry, keeping the last one Degraded', async () => {
      const disposed: unknown[] = [];
      let n = 0;
      const r = runnerOf({ token: 'sick', retries: 1, backoff: { delay: 10 }, load: () => ({ n: ++n }), healthCheck: () => false, onShutdown: (i) => void disposed.push(i) });
      r.start();
      await jest.advanceTimersByTimeAsync(10);
      expect(disposed).toEqual([{ n: 1 }]);
      expect(r.outcomes()).toEqual([
        [1, 0, 0, 'unhealthy'],
        [2, 10, 10, 'unhealthy'],
      ]);
      const { status, instance, error, attempts } = r.settled[0]!;
      expect([status, instance, attempts]).toEqual([ComponentStatus.Degraded, { n: 2 }, 2]);
      expect((error as PreheatError).code).toBe(ErrorCode.Unhealthy);
    });

    it("should run under the component's healthTimeout, else the environment's", async () => {
      const own = runnerOf({ token: 'own', healthTimeout: 20, load: () => 1, healthCheck: () => new Promise<boolean>(() => undefined) }, { healthTimeout: 70 });
      const shared = runnerOf({ token: 'shared', load: () => 1, healthCheck: () => new Promise<boolean>(() => undefined) }, { healthTimeout: 70 });
      own.start();
      shared.start();
      await jest.advanceTimersByTimeAsync(100);
      expect(own.settled[0]).toMatchObject({ status: ComponentStatus.Degraded, at: 20 });
      expect(shared.settled[0]).toMatchObject({ status: ComponentStatus.Degraded, at: 70 });
      expect(own.settled[0]!.error).toBeInstanceOf(ComponentTimeoutError);
    });
  });

  describe('a cancellation', () => {
    it('should end a backoff at once, settle Failed with the reason, and call no loader again', async () => {
      const r = runnerOf({ token: 'db', retries: 3, backoff: { delay: 1_000 }, load: () => Promise.reject(new Error('no')) });
      r.start();
      await jest.advanceTimersByTimeAsync(100);
      const reason = new BootCancelledError('shutdown');
      r.cancel.abort(reason);
      r.inFlight.abortAll(reason);
      await jest.advanceTimersByTimeAsync(0);
      expect(r.settled).toEqual([{ status: ComponentStatus.Failed, instance: undefined, error: reason, attempts: 1, at: 100 }]);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(r.calls).toHaveLength(1);
    });

    it('should mark an attempt in flight cancelled, wrapping a reason that is no PreheatError', async () => {
      const r = runnerOf({ token: 'db', retries: 3, load: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) });
      r.start();
      await jest.advanceTimersByTimeAsync(10);
      const reason = new Error('SIGTERM');
      r.cancel.abort(reason);
      r.inFlight.abortAll(reason);
      await jest.advanceTimersByTimeAsync(0);
      expect(r.outcomes()).toEqual([[1, 0, 10, 'cancelled']]);
      const error = r.settled[0]!.error as PreheatError;
      expect(error).toBeInstanceOf(BootCancelledError);
      expect(error).toMatchObject({ component: 'db', cause: reason });
      expect(r.calls).toHaveLength(1);
    });

    it('should discard a value that arrives once the cancellation is set', async () => {
      const disposed: unknown[] = [];
      const r = runnerOf({ token: 'a', load: () => sleep(10, 'A'), onShutdown: (i) => void disposed.push(i) });
      r.start();
      await jest.advanceTimersByTimeAsync(9);
      r.cancel.abort(new BootCancelledError('fail-fast'));
      await jest.advanceTimersByTimeAsync(1);
      expect(r.settled[0]).toMatchObject({ status: ComponentStatus.Failed, instance: undefined });
      expect(disposed).toEqual(['A']);
    });

    it('should dispose an instance whose health check the cancellation cut short', async () => {
      const disposed: unknown[] = [];
      const r = runnerOf({ token: 'a', load: () => 'A', healthCheck: () => new Promise<boolean>(() => undefined), onShutdown: (i) => void disposed.push(i) });
      r.start();
      await jest.advanceTimersByTimeAsync(5);
      const reason = new BootCancelledError('shutdown');
      r.cancel.abort(reason);
      r.inFlight.abortAll(reason);
      await jest.advanceTimersByTimeAsync(0);
      expect(r.settled[0]).toMatchObject({ status: ComponentStatus.Failed, error: reason });
      expect(disposed).toEqual(['A']);
    });
  });

  it('should fail with an InvalidOptionError when random answers outside [0, 1)', async () => {
    const r = runnerOf({ token: 'a', retries: 1, backoff: { delay: 10, jitter: 0.5 }, load: () => Promise.reject(new Error('x')) }, { random: () => 1 });
    r.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(r.settled).toHaveLength(1);
    expect((r.settled[0]!.error as PreheatError).code).toBe(ErrorCode.InvalidOption);
    expect(r.calls).toHaveLength(1);
  });

  it('should warn, and still retry, when disposing a discarded instance fails', async () => {
    let n = 0;
    const r = runnerOf({
      token: 'a',
      retries: 1,
      backoff: { delay: 0 },
      load: () => ++n,
      healthCheck: (i) => i === 2,
      onShutdown: () => {
        throw new Error('close failed');
      },
    });
    r.start();
    await jest.advanceTimersByTimeAsync(1);
    expect(r.warnings()).toEqual(['a hook failed while discarding an instance: close failed']);
    expect(r.settled[0]).toMatchObject({ status: ComponentStatus.Ready, instance: 2 });
  });
});
