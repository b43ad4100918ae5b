/** One component's attempts: loader calls, values, health checks, outcomes, backoff (architecture.md step 3). */
import { ComponentStatus } from '../../../src/index.js';
import { backoffWindow, codes } from '../documented.js';
import type { Logged } from '../RunLog.js';
import { attemptExpectation, healthEnd } from './attemptRules.js';
import type { AttemptModel, ComponentModel } from './ComponentModel.js';
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
  if (placeholder !== undefined) {
    // Cancelled before its constructor ran (a class): the instance is thrown away once built.
    placeholder.loaded = true;
    if (x.plan.kind === 'class') expectDispose(m, x, x.idOf(e.n), 'built after its attempt ended');
    return;
  }
  x.attempts.push({ n: e.n, start: e.t, holdsInstance: false, ended: false, loaded: true, workStarted: x.plan.kind === 'loader', workSettled: false });
  x.stage = 'attempt';
  if (m.cancel !== undefined && x.startedBeforeCancel) return;
  const next = attemptExpectation(x, e.n, e.t);
  if (next !== undefined) m.expect.add(next);
}

/** A class's onWarmup was called: its attempt's work has started. */
export function warmup(m: ModelState, e: Extract<Logged, { k: 'warmup' }>): void {
  const x = m.comps[e.c]!;
  const a = x.attempts[e.n - 1];
  if (a === undefined || a.ended) return m.fail('unexpected', `${x.idOf(e.n)}'s onWarmup ran after its attempt ended`);
  a.workStarted = true;
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
  a.workSettled = true;
  if (a.abandon !== undefined) lateSettle(m, x, a);
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

/**
 * The work of an attempt that ended (timeout, cancellation) while it still ran has settled. Once the
 * `abandoned` warning came, a second warning says it finished and its record gets `settledLateAt`;
 * work that settles within the abort's tick was never abandoned, and gets neither. After the phase
 * `stopped`, events$ has completed: no warning can come, and only the record tells (ModelState.view).
 */
function lateSettle(m: ModelState, x: ComponentModel, a: AttemptModel): void {
  const abandon = a.abandon!;
  if (abandon.unseen) {
    abandon.lateAt = m.now;
    return;
  }
  if (abandon.announced) {
    abandon.lateAt = m.now;
    if (!m.stoppedSeen) m.expect.add({ kind: 'warning', c: x.c, about: 'finished', n: a.n, lo: m.now, hi: m.now, what: `the warning that ${x.idOf(a.n)}'s abandoned work finished` });
    return;
  }
  m.expect.take('warning', (w) => w.c === x.c && w.about === 'abandoned' && w.n === a.n);
  a.abandon = undefined;
}

/**
 * An attempt ended by its timeout or a cancellation while its loader still runs: a tick later the
 * work is declared abandoned. The tick is a 0 ms timer, which fake timers run at the same ms, or at
 * the next one when it is set from inside a timer callback; hence the window of 1 ms.
 */
function watchAbandoned(m: ModelState, x: ComponentModel, a: AttemptModel): void {
  a.abandon = { at: m.now, announced: false, unseen: m.stoppedSeen };
  if (m.stoppedSeen) return;
  m.expect.add({ kind: 'warning', c: x.c, about: 'abandoned', n: a.n, lo: m.now, hi: m.now + 1, what: `the warning that ${x.idOf(a.n)} was abandoned while its work still runs` });
}

/** Phase stopped: events$ completes, so the warnings still due can no longer be seen. */
export function unseenWarnings(m: ModelState): void {
  for (const x of m.comps) {
    m.expect.drop(x.c, ['warning']);
    for (const a of x.attempts) if (a.abandon !== undefined && !a.abandon.announced) a.abandon.unseen = true;
  }
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
    a = { n: e.n, start: e.t, holdsInstance: false, ended: false, loaded: false, workStarted: false, workSettled: false };
    x.attempts.push(a);
  }
  a.ended = true;
  if (e.outcome === 'timeout' || e.outcome === 'cancelled') {
    if (a.workStarted && !a.workSettled) watchAbandoned(m, x, a);
    // architecture.md, instantiate: a class built by the time its attempt ended, whose onWarmup never
    // ran, is thrown away ("nobody will use it").
    else if (x.plan.kind === 'class' && a.loaded && !a.workStarted) expectDispose(m, x, id, 'built when its attempt ended, before its onWarmup');
  }
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
