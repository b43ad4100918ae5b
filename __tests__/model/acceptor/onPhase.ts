/** Phase changes (lifecycle.md, "The container's phases"), and the moment the boot's report is built. */
import type { Logged } from '../RunLog.js';
import type { ModelState } from './ModelState.js';
import { unseenWarnings } from './onAttempt.js';
import { beginShutdown, stopped } from './onShutdown.js';

export function phase(m: ModelState, e: Extract<Logged, { k: 'phase' }>): void {
  if (e.phase === 'idle') return;
  const next = m.phases[0];
  if (next?.phase === e.phase) {
    m.phases.shift();
  } else if (e.phase === 'stopping' && m.shutdown === undefined && m.cancel?.reason === 'failFast' && m.outcomePhaseSeen) {
    // The fail-fast shutdown, after the boot's outcome (phase failed).
  } else if ((e.phase === 'failed' || e.phase === 'ready') && m.outcome === undefined) {
    const list = m.comps.filter((x) => x.inBoot && !x.settled).map((x) => `${x.name} ${x.status}`);
    m.fail('boot-settled-early', `phase ${e.phase} (the boot's report is built) while boot components are unsettled: ${list.join(', ')}`);
  } else {
    const outcome = (e.phase === 'failed' || e.phase === 'ready') && (next?.phase === 'failed' || next?.phase === 'ready');
    const afterCancel = e.phase === 'critical-ready' && m.cancel !== undefined;
    m.fail(outcome ? 'boot-outcome' : afterCancel ? 'phase-after-cancel' : 'phase', `phase ${e.phase}, expected ${next?.phase ?? 'no phase change'}${afterCancel ? ` (the boot was cancelled: ${m.cancelText()})` : ''}`);
  }
  if ((e.phase === 'ready' || e.phase === 'failed') && !m.outcomePhaseSeen) {
    snapshot(m, e.pos);
    m.outcomePhaseSeen = true;
  }
  if (e.phase === 'stopped' && m.shutdown !== undefined && m.now < m.shutdown.hooksAt) m.fail('shutdown', `phase stopped during the drain (hooks are due at ${m.shutdown.hooksAt} ms)`);
  if (e.phase === 'stopped') m.stoppedSeen = true;
  if (e.phase === 'stopping' && m.shutdown === undefined) beginShutdown(m, e);
  if (e.phase === 'stopped') {
    stopped(m);
    unseenWarnings(m);
  }
}

/** A moment of the window in which the boot's report is built (ModelState.snapshots). */
export function snapshot(m: ModelState, pos: number): void {
  m.snapshots.push({ pos, ...m.view() });
}
