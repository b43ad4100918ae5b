import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { ComponentTimeoutError } from '../../../src/errors/ComponentTimeoutError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { HealthCheckError } from '../../../src/errors/HealthCheckError.js';
import { Component } from '../../../src/component/Component.js';
import type { HealthCheckResult, WeightedHealthCheck } from '../../../src/health/HealthOptions.js';
import { checkHealth, hasHealthCheck, unhealthyError, type CheckOutcome, type HealthCheck, type HealthEvaluation } from '../../../src/run/checkHealth.js';
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

/** An error's message without the hint preheat appends on the next line. */
const firstLine = (error: Error) => error.message.split('\n')[0];
const clock = () => clockFrom(asyncScheduler);
const definitionSpec = (extra: object = {}) => toComponentSpec({ token: 'db', load: () => 1, ...extra }, 0);
/** A class component: its instances' checkHealth (when they have one) is the hook. */
function classSpec(healthChecks?: WeightedHealthCheck[]) {
  @Component(healthChecks === undefined ? {} : { healthChecks })
  class Db {}
  return toComponentSpec(Db, 0);
}
const run = (spec: ReturnType<typeof definitionSpec>, instance: unknown, extra: Partial<HealthCheck> = {}) =>
  checkHealth({ spec, instance, clock: clock(), timeoutMs: 100, inFlight: new InFlight(), attempt: 1, ...extra });

describe('hasHealthCheck', () => {
  it("should be true for a definition's healthCheck and for weighted checks", () => {
    expect(hasHealthCheck(definitionSpec({ healthCheck: () => true }), 1)).toBe(true);
    expect(hasHealthCheck(classSpec([{ name: 'ping', check: () => 1 }]), {})).toBe(true);
  });

  it("should be true for a class instance's checkHealth() only, never for a definition's value", () => {
    expect(hasHealthCheck(classSpec(), { checkHealth: () => true })).toBe(true);
    expect(hasHealthCheck(classSpec(), {})).toBe(false);
    expect(hasHealthCheck(classSpec(), null)).toBe(false);
    expect(hasHealthCheck(definitionSpec(), { checkHealth: () => true })).toBe(false);
  });
});

describe('checkHealth (scores and weights)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("should score a component without any check 1, as one check named 'healthCheck'", async () => {
    const evaluation = await run(definitionSpec(), 1);
    expect(evaluation.score).toBe(1);
    expect(evaluation.checks).toHaveLength(1);
    expect(evaluation.checks[0]).toMatchObject({ name: 'healthCheck', weight: 1, score: 1 });
    expect(evaluation.checks[0]!.error).toBeUndefined();
  });

  it('should measure the latency of one check, and of the weighted run, on the clock', async () => {
    const slow = (ms: number, value: HealthCheckResult) => () => new Promise<HealthCheckResult>((r) => setTimeout(() => r(value), ms));
    const one = run(definitionSpec({ healthCheck: slow(20, true) }), 1);
    await jest.advanceTimersByTimeAsync(20);
    expect((await one).latencyMs).toBe(20);
    expect((await one).checks[0]!.latencyMs).toBe(20);
    const many = run(classSpec([{ name: 'a', check: slow(10, 1) }, { name: 'b', check: slow(30, 1) }]), {});
    await jest.advanceTimersByTimeAsync(30);
    const evaluation = await many;
    expect(evaluation.latencyMs).toBe(30);
    expect(evaluation.checks.map((c) => c.latencyMs)).toEqual([10, 30]);
  });

  it("should run the class's checkHealth() as 'healthCheck' of weight 1 beside the weighted checks, and take the weighted mean", async () => {
    const spec = classSpec([
      { name: 'latency', weight: 3, check: (i, signal) => ((i as { half: number }).half + (signal.aborted ? 1 : 0)) },
      { name: 'errors', check: () => 0 },
    ]);
    const evaluation = await run(spec, { half: 0.5, checkHealth: () => true });
    expect(evaluation.checks.map((c) => [c.name, c.weight, c.score])).toEqual([
      ['healthCheck', 1, 1],
      ['latency', 3, 0.5],
      ['errors', 1, 0],
    ]);
    expect(evaluation.score).toBeCloseTo((1 * 1 + 3 * 0.5 + 1 * 0) / 5, 10);
  });

  it('should run only the weighted checks when the instance has no checkHealth()', async () => {
    const evaluation = await run(classSpec([{ name: 'a', weight: 2, check: () => 0.25 }]), {});
    expect(evaluation.checks.map((c) => [c.name, c.weight, c.score])).toEqual([['a', 2, 0.25]]);
    expect(evaluation.score).toBe(0.25);
  });

  it('should score the bounds 0 and 1 as they are, and no number outside [0, 1]', async () => {
    for (const [answer, score] of [[0, 0], [1, 1], [{ score: 0 }, 0], [{ score: 1 }, 1]] as const) {
      const [c] = (await run(definitionSpec({ healthCheck: () => answer }), 1)).checks;
      expect(c).toMatchObject({ score });
      expect(c!.error).toBeUndefined();
    }
    for (const answer of [-0.01, 1.01, NaN, { score: 2 }]) {
      const [c] = (await run(definitionSpec({ healthCheck: () => answer }), 1)).checks;
      expect(c!.score).toBe(0);
      expect(c!.error?.message).toMatch(/which is no score/);
    }
  });

  it('should say false was answered, and name the check of an answer that is no score', async () => {
    const [no] = (await run(definitionSpec({ healthCheck: () => false }), 1)).checks;
    expect(firstLine(no!.error!)).toBe("Component 'db' is unhealthy: its health check answered false");
    for (const [answer, said] of [[undefined, 'undefined'], [null, 'null'], ['yes', 'string'], [{ detail: 'x' }, 'an object without a numeric score'], [{ score: '0.5' }, 'an object without a numeric score']] as const) {
      const [c] = (await run(classSpec([{ name: 'ping', check: () => answer as never }]), {})).checks;
      expect(c!.score).toBe(0);
      expect(c!.error).toBeInstanceOf(HealthCheckError);
      expect(firstLine(c!.error!)).toBe(`Component 'Db' is unhealthy: its health check 'ping' answered ${said}, which is no score`);
      expect(Object.keys(c!)).not.toContain('detail');
    }
  });

  it('should keep a detail only when the answer gives one', async () => {
    const [withDetail] = (await run(definitionSpec({ healthCheck: () => ({ score: 0.5, detail: { lag: 3 } }) }), 1)).checks;
    expect(withDetail).toMatchObject({ score: 0.5, detail: { lag: 3 } });
    expect(withDetail!.error).toBeUndefined();
    const [plain] = (await run(definitionSpec({ healthCheck: () => ({ score: 0.5 }) }), 1)).checks;
    expect(Object.keys(plain!).sort()).toEqual(['latencyMs', 'name', 'score', 'weight']);
  });
});

describe('unhealthyError', () => {
  const outcomeOf = (name: string, score: number, error?: Error): CheckOutcome => ({ name, weight: 1, score, latencyMs: 0, ...(error === undefined ? {} : { error }) });
  const spec = definitionSpec({ health: { modes: { minimal: 0.3 } } });

  it("should be the single check's own error", () => {
    const own = new Error('own');
    expect(unhealthyError(spec, { score: 0, latencyMs: 0, checks: [outcomeOf('healthCheck', 0, own)] }, 2)).toBe(own);
  });

  it('should be a score error for a single check that only scored low', () => {
    const error = unhealthyError(spec, { score: 0.1, latencyMs: 0, checks: [outcomeOf('healthCheck', 0.1)] }, 2);
    expect(error).toBeInstanceOf(HealthCheckError);
    expect(error).toMatchObject({ score: 0.1, attempt: 2 });
    expect(error.cause).toBeUndefined();
    expect(firstLine(error)).toBe("Component 'db' is unhealthy: its health score 0.1 is below 'minimal' (0.3)");
  });

  it('should be a score error with the first failed check as its cause among several', () => {
    const first = new Error('first');
    const error = unhealthyError(spec, { score: 0.2, latencyMs: 0, checks: [outcomeOf('a', 0.4), outcomeOf('b', 0, first), outcomeOf('c', 0, new Error('later'))] }, undefined);
    expect(error).toBeInstanceOf(HealthCheckError);
    expect(error).toMatchObject({ score: 0.2, cause: first });
    expect(firstLine(error)).toBe("Component 'db' is unhealthy: its health score 0.2 is below 'minimal' (0.3) (first)");
  });

  it('should be a score error without a cause when no check failed', () => {
    const error = unhealthyError(spec, { score: 0.25, latencyMs: 0, checks: [outcomeOf('a', 0.25), outcomeOf('b', 0.25)] }, 1);
    expect(error).toMatchObject({ score: 0.25 });
    expect(error.cause).toBeUndefined();
    expect(firstLine(error)).toMatch(/health score 0\.25 is below 'minimal' \(0\.3\)$/);
  });
});
