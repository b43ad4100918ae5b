/** The boot's start and end (README "The boot outcome", architecture.md steps 2 and 4). */
import { codes } from '../documented.js';
import { ComponentStatus, Priority } from '../../../src/index.js';
import type { Logged } from '../RunLog.js';
import { checkBootEnd } from './checkBootEnd.js';
import { snapshot } from './onPhase.js';
import type { ModelState } from './ModelState.js';
import { cancel, expectDependencyFailed } from './onSettle.js';
import { allDepsSettled, enqueue, failedRequiredDep } from './onStart.js';

const { Failed } = ComponentStatus;

export function bootCall(m: ModelState, e: Logged): void {
  m.cascade = e.pos;
  m.bootStarted = true;
  if (m.shutdown !== undefined) {
    // errors.md, PREHEAT_BOOT_CANCELLED: "A boot() first called after shutdown() rejects the same way".
    m.outcome = { kind: 'cancelled' };
    m.expect.add({ kind: 'boot-end', c: -1, lo: m.now, hi: m.now, what: 'boot() rejects with BootCancelledError (called after shutdown)' });
    return;
  }
  m.planned = true;
  m.expectPhase('booting');
  // architecture.md step 2: the boot set is every non-DEFERRED component that has not settled;
  // what getAsync loaded or queued before boot() stays as it is (the lead's rule: it is a boot
  // member that already settled, or is loading).
  for (const x of m.comps) {
    if (!x.inBoot || x.wanted) continue;
    x.wanted = true;
    if (failedRequiredDep(m, x)) {
      m.failedAtPlan++;
      expectDependencyFailed(m, x, e.pos);
    } else if (allDepsSettled(m, x)) enqueue(m, x, e.pos);
  }
  // The lead's rule: under failFast, a required boot member that failed on demand before boot()
  // cancels the boot at once.
  const failed = m.comps.filter((x) => x.inBoot && x.r.required && x.status === Failed).sort((a, b) => a.failedAt! - b.failedAt!)[0];
  if (m.failFast && failed !== undefined) cancel(m, 'failFast', failed.c);
  progress(m);
}

/** After any settle: the CRITICAL wave's phase, and the end of the boot. */
export function progress(m: ModelState): void {
  if (!m.bootStarted || m.outcome !== undefined) return;
  const boot = m.comps.filter((x) => x.inBoot);
  if (!m.criticalChecked && m.cancel === undefined) {
    const critical = boot.filter((x) => x.wave === Priority.CRITICAL);
    if (critical.every((x) => x.settled)) {
      m.criticalChecked = true;
      if (critical.every((x) => x.usable || !x.r.required)) m.expectPhase('critical-ready');
    }
  }
  if (!boot.every((x) => x.settled)) return;
  const failedRequired = boot.filter((x) => x.r.required && x.status === Failed).map((x) => x.name);
  const t = m.now;
  // A shutdown cut the boot short: a cancellation, unless a required member had failed on its own
  // before (not only cancelled): then a BootError, its cause the cancellation; the phase is the
  // shutdown's either way.
  const failedOnItsOwn = boot.some((x) => x.r.required && x.status === Failed && x.code !== codes.cancelled);
  if (m.cancel?.reason === 'shutdown' && failedOnItsOwn) m.outcome = { kind: 'failed', failedRequired, duringShutdown: true };
  else if (m.cancel?.reason === 'shutdown') m.outcome = { kind: 'cancelled' };
  else if (m.cancel?.reason === 'failFast') m.outcome = { kind: 'failed', failedRequired, failFast: m.cancel.trigger! };
  else if (failedRequired.length > 0) m.outcome = { kind: 'failed', failedRequired };
  else m.outcome = { kind: 'ready' };
  if (m.outcome.kind !== 'cancelled') snapshot(m, m.entry!.pos);
  if (m.outcome.kind === 'ready') m.expectPhase('ready');
  if (m.outcome.kind === 'failed' && m.outcome.duringShutdown !== true) m.expectPhase('failed');
  m.expect.add({ kind: 'boot-end', c: -1, lo: t, hi: t, what: `boot() ${m.outcome.kind === 'ready' ? 'resolves' : 'rejects'} (${m.outcome.kind})` });
}

export function bootEnd(m: ModelState, e: Extract<Logged, { k: 'boot-end' }>): void {
  m.bootEndSeen = true;
  const unsettled = m.comps.filter((x) => x.inBoot && !x.settled);
  if (m.outcome === undefined) {
    const list = unsettled.map((x) => `${x.name} ${x.status}`).join(', ');
    m.fail('boot-settled-early', `boot() ${e.ok ? 'resolved' : `rejected with ${e.error?.name}`} while boot components are unsettled: ${list}`);
    return;
  }
  m.expect.take('boot-end', () => true);
  for (const problem of checkBootEnd(m, e)) m.fail(problem.rule, problem.message);
  const total = m.comps.filter((x) => x.inBoot).length;
  // After shutdown() the model stops following progress$ (it completes with the shutdown).
  const stoppedMidway = m.outcome.kind === 'cancelled' || (m.outcome.kind === 'failed' && m.outcome.duringShutdown === true);
  if (!stoppedMidway && m.progress?.settled !== total) {
    m.fail('progress', `boot() settled while progress$ last said ${m.progress?.settled ?? 'nothing'}/${m.progress?.total ?? '?'}; the boot set has ${total}`);
  }
}

/**
 * A value of `progress$` during the boot (lifecycle.md, "Staged warmup"): `total` is the boot set,
 * DEFERRED components loaded on demand are not in it. It "emits after every settled boot component",
 * but not necessarily before the status events of the same cascade, so `settled` may lag behind
 * events$; it never goes down, and when boot() settles it has caught up (checked in bootEnd).
 */
export function progressValue(m: ModelState, e: Extract<Logged, { k: 'progress' }>): void {
  if (m.shutdown !== undefined || m.outcome?.kind === 'cancelled') return;
  const boot = m.comps.filter((x) => x.inBoot);
  const settled = boot.filter((x) => x.settled).length;
  const before = m.progress?.settled ?? 0;
  if (e.total !== boot.length || e.settled > settled || e.settled < before) {
    m.fail('progress', `progress$ says ${e.settled}/${e.total} (before: ${before}); the boot set has ${settled} of ${boot.length} settled`);
  }
  m.progress = { settled: e.settled, total: e.total };
}
