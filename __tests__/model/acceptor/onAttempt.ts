/** One component's attempts: loader calls, values, health checks, outcomes, backoff (architecture.md step 3). */
import { ComponentStatus } from '../../../src/index.js';
import { backoffWindow, codes } from '../documented.js';
import type { Logged } from '../RunLog.js';
import { attemptExpectation, healthEnd } from './attemptRules.js';
import type { ComponentModel } from './ComponentModel.js';
import type { ModelState } from './ModelState.js';

const { Ready, Degraded, Failed } = ComponentStatus;

export function load(m: ModelState, e: Extract<Logged, { k: 'load' }>): void {
  const x = m.comps[e.c]!;
  const exp = m.expect.take('load', (l) => l.c === e.c && l.n === e.n);
  const startedBefore = e.n === 1 && x.startedBeforeCancel;
  const afterCancel = m.cancel !== undefined && !startedBefore;
  if (afterCancel) m.fail('load-after-cancel', `${x.name}'s loader was called (attempt ${e.n}) after the boot was cancelled (${m.cancelText()})`);
  else if (exp === undefined && !startedBefore) m.fail('unexpected', `${x.name}'s loader was called (attempt ${e.n}) but the model expected no call now`);
  else if (exp !== undefined && (e.t < exp.lo || e.t > exp.hi)) m.fail('wrong-time', `${exp.what} at ${e.t} ms, expected within [${exp.lo}, ${exp.hi}]`);
  if (e.ctxAttempt !== undefined && e.ctxAttempt !== e.n) m.fail('attempt-number', `${x.name}: ctx.attempt is ${e.ctxAttempt} on call ${e.n}`);
  checkGets(m, x, e.gets, e.n);
  const placeholder = x.attempts[e.n - 1];
  if (placeholder !== undefined) return; // cancelled before its constructor ran (a class)
  x.attempts.push({ n: e.n, start: e.t, holdsInstance: false, ended: false });
  x.stage = 'attempt';
  if (m.cancel !== undefined && x.startedBeforeCancel) return;
  const next = attemptExpectation(x, e.n, e.t);
  if (next !== undefined) m.expect.add(next);
}

export function checkGets(m: ModelState, x: ComponentModel, gets: readonly (string | null)[], n: number): void {
  if (x.plan.kind !== 'loader') return;
  x.plan.deps.forEach((d, k) => {
    const dep = m.comps[d.on]!;
    const want = dep.usable ? dep.final! : null;
    if (gets[k] !== want) m.fail('instance', `${x.name} (attempt ${n}) got ${String(gets[k])} from ctx.get(${dep.name}), expected ${String(want)}`);
  });
}

export function settled(m: ModelState, e: Extract<Logged, { k: 'settled' }>): void {
  const x = m.comps[e.c]!;
  const a = x.attempts[e.n - 1];
  if (a === undefined) return;
  const id = x.idOf(e.n);
  if (e.how === 'reject') {
    // errors.md: "the same disposal runs … on an instance whose onWarmup threw".
    if (x.plan.kind === 'class') expectDispose(m, x, id, 'its onWarmup threw');
    return;
  }
  if (a.ended || x.stage !== 'attempt' || x.current !== a) {
    expectDispose(m, x, id, 'it arrived after its attempt ended');
    return;
  }
  a.holdsInstance = true;
  const health = x.plan.health?.[e.n - 1];
  if (health === undefined) {
    m.expect.add({ kind: 'attempt', c: x.c, n: e.n, outcome: 'ready', lo: e.t, hi: e.t, what: `${id} ends ready` });
    return;
  }
  m.expect.add({ kind: 'health', c: x.c, n: e.n, lo: e.t, hi: e.t, what: `${id}'s health check is called` });
  const end = healthEnd(x, health, e.t);
  a.healthCode = end.code;
  m.expect.add({ kind: 'attempt', c: x.c, n: e.n, outcome: end.outcome, lo: end.at, hi: end.at, what: `${id} ends ${end.outcome} after its health check` });
}

export function expectDispose(m: ModelState, x: ComponentModel, id: string, why: string): void {
  m.expect.add({ kind: 'dispose', c: x.c, id, lo: m.now, hi: m.now, what: `${id} is disposed (${why})` });
}

export function attempt(m: ModelState, e: Extract<Logged, { k: 'attempt' }>): void {
  const x = m.comps[e.c]!;
  m.saidNow.attempts[e.c]!++;
  const id = x.idOf(e.n);
  const exp = m.expect.take('attempt', (a) => a.c === e.c && a.n === e.n);
  if (exp === undefined) m.fail('unexpected', `attempt ${id} ended ${e.outcome} but the model expected no attempt end now`);
  else if (exp.outcome !== e.outcome) m.fail('wrong-outcome', `attempt ${id} ended ${e.outcome}, expected ${exp.outcome} (${exp.what})`);
  else if (e.t < exp.lo || e.t > exp.hi) m.fail('wrong-time', `attempt ${id} ended at ${e.t} ms, expected ${exp.lo}`);
  let a = x.attempts[e.n - 1];
  if (a === undefined) {
    a = { n: e.n, start: e.t, holdsInstance: false, ended: false };
    x.attempts.push(a);
  }
  a.ended = true;
  x.outcomes.push(e.outcome);
  m.expect.drop(x.c, ['health']);
  const last = e.n > x.r.retries;
  const settle = (to: ComponentStatus, code: string | undefined, what: string): void =>
    m.expect.add({ kind: 'status', c: x.c, to, codes: code === undefined ? [] : [code], lo: e.t, hi: e.t, what: `${x.name} becomes ${to} (${what})` });
  switch (e.outcome) {
    case 'ready':
      x.final = id;
      return settle(Ready, undefined, `${id} was healthy`);
    case 'unhealthy':
      if (last) {
        x.final = id;
        return settle(Degraded, a.healthCode ?? codes.unhealthy, 'unhealthy on its last attempt');
      }
      expectDispose(m, x, id, 'unhealthy, before the retry');
      return backoff(m, x, e.n);
    case 'failed':
    case 'timeout':
      if (last) return settle(Failed, e.outcome === 'timeout' ? codes.timeout : codes.loadFailed, `its last attempt ${e.outcome === 'timeout' ? 'timed out' : 'failed'}`);
      return backoff(m, x, e.n);
    case 'cancelled':
      if (a.holdsInstance && !m.disposed.has(id)) expectDispose(m, x, id, 'the attempt was cancelled during its health check');
      return settle(Failed, codes.cancelled, 'cancelled');
  }
}

export function backoff(m: ModelState, x: ComponentModel, n: number): void {
  x.stage = 'backoff';
  if (m.cancel !== undefined) return; // the cancellation settles it (a status expectation is already there)
  const [lo, hi] = backoffWindow(x.r, n);
  m.expect.add({ kind: 'load', c: x.c, n: n + 1, lo: m.now + lo, hi: m.now + hi, what: `${x.name}'s attempt ${n + 1} starts after a backoff of ${lo}..${hi} ms` });
}
