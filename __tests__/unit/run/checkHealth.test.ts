import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { ComponentTimeoutError } from '../../../src/errors/ComponentTimeoutError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { HealthCheckError } from '../../../src/errors/HealthCheckError.js';
import { checkHealth, type HealthCheck, type HealthEvaluation } from '../../../src/run/checkHealth.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { InFlight } from '../../../src/run/InFlight.js';

const outcome = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

/** One check run of a definition whose healthCheck is `hook`: what failed, or undefined when it passed. */
type Hook = (instance: unknown, signal: AbortSignal) => unknown;

function check(hook: Hook, extra: Partial<HealthCheck> = {}): { run: Promise<Error | undefined>; evaluation: Promise<HealthEvaluation>; inFlight: InFlight } {
  const inFlight = new InFlight();
  const spec = toComponentSpec({ token: 'db', load: () => 1, healthCheck: hook as never }, 0);
  const evaluation = checkHealth({ spec, instance: 'I', clock: clockFrom(asyncScheduler), timeoutMs: 100, inFlight, attempt: 2, ...extra });
  return { run: evaluation.then((e) => (e.score === 1 ? undefined : e.checks[0]!.error)), evaluation, inFlight };
}

describe('checkHealth', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should resolve with undefined for true only, handing the hook the instance and a live signal', async () => {
    let seen: [unknown, boolean] | undefined;
    expect(await check((i, s) => ((seen = [i, s.aborted]), true)).run).toBeUndefined();
    expect(seen).toEqual(['I', false]);
    expect(await check(() => Promise.resolve(true)).run).toBeUndefined();
  });

  it('should score a number in [0, 1] as it is, and { score, detail } with its detail', async () => {
    expect(await check(() => 0.7).evaluation).toMatchObject({ score: 0.7 });
    expect(await check(() => ({ score: 0.4, detail: 'slow' })).evaluation).toMatchObject({ score: 0.4, checks: [{ detail: 'slow' }] });
  });

  it('should resolve with a HealthCheckError, naming the attempt, for false or an answer that is no score', async () => {
    for (const answer of [false, 'yes', 2, undefined]) {
      const error = await check(() => answer).run;
      expect(error).toBeInstanceOf(HealthCheckError);
      expect(error).toMatchObject({ code: ErrorCode.Unhealthy, component: 'db', attempt: 2 });
    }
  });

  it('should resolve with a HealthCheckError carrying what a hook threw, synchronously or not', async () => {
    const thrown = new Error('ping failed');
    expect(await check(() => { throw thrown; }).run).toMatchObject({ code: ErrorCode.Unhealthy, cause: thrown });
    expect(await check(() => Promise.reject(thrown)).run).toMatchObject({ code: ErrorCode.Unhealthy, cause: thrown });
  });

  it('should resolve with a ComponentTimeoutError at its limit, aborting the hook', async () => {
    let signal: AbortSignal | undefined;
    const { run } = check((_i, s) => ((signal = s), new Promise<boolean>(() => undefined)), { timeoutMs: 30 });
    const result = outcome(run);
    await jest.advanceTimersByTimeAsync(30);
    const { value } = (await result) as { value: Error };
    expect(value).toBeInstanceOf(ComponentTimeoutError);
    expect(value.message).toMatch(/30 ms/);
    expect(signal?.reason).toBe(value);
  });

  it('should resolve with the timeout also when the hook rejects with its aborted signal reason', async () => {
    const { run } = check((_i, s) => new Promise<boolean>((_, reject) => s.addEventListener('abort', () => reject(s.reason as Error))), { timeoutMs: 10 });
    const result = outcome(run);
    await jest.advanceTimersByTimeAsync(10);
    expect(((await result) as { value: Error }).value).toBeInstanceOf(ComponentTimeoutError);
  });

  it('should reject with the reason of a cancellation through its in-flight list', async () => {
    const { run, inFlight } = check(() => new Promise<boolean>(() => undefined));
    const result = outcome(run);
    const reason = new Error('shutdown');
    inFlight.abortAll(reason);
    expect(await result).toEqual({ error: reason });
  });

  it('should reject when a cancelled hook rejects with its own error', async () => {
    const own = new Error('socket closed');
    const { run, inFlight } = check((_i, s) => new Promise<boolean>((_, reject) => s.addEventListener('abort', () => reject(own))));
    const result = outcome(run);
    inFlight.abortAll(new Error('shutdown'));
    expect(await result).toHaveProperty('error');
  });

  it('should arm no timer without a limit', async () => {
    void check(() => new Promise<boolean>(() => undefined), { timeoutMs: Infinity });
    await jest.advanceTimersByTimeAsync(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
