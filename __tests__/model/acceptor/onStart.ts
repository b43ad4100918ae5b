/** Queueing and starting components (architecture.md, Dispatcher), and the oversize warning. */
import { ComponentStatus } from '../../../src/index.js';
import type { Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';
import { startProblem } from './dispatchRules.js';
import type { ModelState } from './ModelState.js';

const { Loading, Failed } = ComponentStatus;

export function enqueue(m: ModelState, x: ComponentModel, group: number): void {
  x.queued = { bucket: x.demanded ? 0 : 1 + x.wave, group };
}

export function allDepsSettled(m: ModelState, x: ComponentModel): boolean {
  return x.plan.deps.every((d) => m.comps[d.on]!.settled);
}

export function failedRequiredDep(m: ModelState, x: ComponentModel): boolean {
  return x.plan.deps.some((d) => !d.optional && m.comps[d.on]!.status === Failed);
}

export function start(m: ModelState, x: ComponentModel): void {
  const cancelled = m.cancel !== undefined;
  if (cancelled) {
    m.fail('start-after-cancel', `${x.name} started after the boot was cancelled (${m.cancelText()})`);
    // What follows the cancellation's sweep: m load is aborted too.
    x.startedBeforeCancel = true;
    m.expect.add({ kind: 'attempt', c: x.c, n: 1, outcome: 'cancelled', lo: m.now, hi: m.now, what: `${x.name}'s attempt 1 is cancelled` });
  } else {
    const problem = startProblem(m, x);
    if (problem !== undefined) m.fail(problem.rule, problem.message);
    if (m.budget !== Infinity && x.r.memoryMb > m.budget && !x.oversizeWarned) {
      m.expect.add({ kind: 'warning', c: x.c, about: 'oversize', lo: m.now, hi: m.now, what: `an oversize warning for ${x.name}` });
    }
  }
  x.queued = undefined;
  x.status = Loading;
  x.stage = 'starting';
  m.running++;
  m.memory += x.r.memoryMb;
  if (!cancelled) m.expect.add({ kind: 'load', c: x.c, n: 1, lo: m.now, hi: m.now, what: `${x.name}'s loader is called (attempt 1)` });
}

/**
 * Warnings: an attempt abandoned while its work still runs, that work finishing later (the lead's
 * rule for loaders that ignore their signal), and the oversize warning of architecture.md ("runs
 * alone (a 'warning' event)"), just before or at its start.
 */
export function warning(m: ModelState, e: Extract<Logged, { k: 'warning' }>): void {
  const x = m.comps[e.c]!;
  const abandoned = /^attempt (\d+) was abandoned but its work is still running/.exec(e.message);
  const finished = /^the abandoned attempt (\d+) finished: /.exec(e.message);
  if (abandoned !== null || finished !== null) {
    const n = Number((abandoned ?? finished)![1]);
    const about = abandoned !== null ? 'abandoned' : 'finished';
    if (m.expect.take('warning', (w) => w.c === e.c && w.about === about && w.n === n) === undefined) {
      return m.fail('unexpected', `warning for ${x.name}: ${e.message} (the model expected no such warning now)`);
    }
    if (abandoned !== null) x.attempts[n - 1]!.abandon!.announced = true;
    return;
  }
  if (m.expect.take('warning', (w) => w.c === e.c && w.about === 'oversize')) return;
  if (x.queued !== undefined && m.budget !== Infinity && x.r.memoryMb > m.budget && !x.oversizeWarned) {
    x.oversizeWarned = true;
    return;
  }
  m.fail('unexpected', `warning for ${x.name}: ${e.message}`);
}
