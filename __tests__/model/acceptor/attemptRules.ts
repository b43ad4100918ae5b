import type { AttemptOutcome } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { HealthAnswer } from '../Scenario.js';
import type { ComponentModel } from './ComponentModel.js';
import type { Expectation } from './Expectations.js';

/**
 * How attempt `n`, started at `s`, ends on its own (errors.md, PREHEAT_TIMEOUT / PREHEAT_LOAD_FAILED):
 * a rejection or a throw before the timeout fails it; a loader still running at `s + timeout` times
 * out. A value in time leads to the health check; that expectation is set when the value arrives.
 */
export function attemptExpectation(x: ComponentModel, n: number, s: number): Expectation | undefined {
  const behaviour = x.plan.attempts[n - 1]!;
  const limit = x.r.timeout;
  const id = x.idOf(n);
  const ends = (outcome: AttemptOutcome, at: number, what: string): Expectation => ({ kind: 'attempt', c: x.c, n, outcome, lo: at, hi: at, what: `${id} ${what}` });
  const timeout = limit === Infinity ? undefined : ends('timeout', s + limit, `times out after ${limit} ms`);
  switch (behaviour.kind) {
    case 'resolve':
      return behaviour.ms < limit ? undefined : timeout;
    case 'reject':
      return behaviour.ms < limit ? ends('failed', s + behaviour.ms, `fails: its loader rejected after ${behaviour.ms} ms`) : timeout;
    case 'throw':
      return ends('failed', s, 'fails: its loader threw synchronously');
    case 'hang':
    case 'hangAbortable':
      return timeout;
  }
}

/**
 * When and how a health check started at `t` ends (errors.md, PREHEAT_UNHEALTHY and the `health`
 * phase of PREHEAT_TIMEOUT): `true` is healthy; false or a throw is unhealthy; running past
 * `healthTimeout` counts as unhealthy with PREHEAT_TIMEOUT.
 */
export function healthEnd(x: ComponentModel, answer: HealthAnswer, t: number): { at: number; outcome: AttemptOutcome; code: string } {
  const limit = x.r.healthTimeout;
  if (answer.kind === 'hang' || answer.ms > limit) return { at: t + limit, outcome: 'unhealthy', code: codes.timeout };
  return { at: t + answer.ms, outcome: answer.kind === 'true' ? 'ready' : 'unhealthy', code: codes.unhealthy };
}
