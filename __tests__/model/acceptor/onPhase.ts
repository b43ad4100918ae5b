/** Phase changes (lifecycle.md, "The container's phases"), and the moment the boot's report is built. */
import type { Logged } from '../RunLog.js';
import type { ModelState } from './ModelState.js';
import { beginShutdown, stopped } from './onShutdown.js';


export function phase(m: ModelState, e: Extract<Logged, { k: 'phase' }>): void {
  if (e.phase === 'idle') return;
  const next = m.phases[0];
  if (next?.phase === e.phase) {
    m.phases.shift();
  } else if (e.phase === 'stopping' && m.shutdown === undefined && m.cancel?.reason === 'failFast' && m.snapshot !== undefined) {
    // The fail-fast shutdown, after the boot's outcome (phase failed).
  } else if ((e.phase === 'failed' || e.phase === 'ready') && m.outcome === undefined) {
    const list = m.comps.filter((x) => x.inBoot && !x.settled).map((x) => `${x.name} ${x.status}`);
    m.fail('boot-settled-early', `phase ${e.phase} (the boot's report is built) while boot components are unsettled: ${list.join(', ')}`);
  } else {
    const outcome = (e.phase === 'failed' || e.phase === 'ready') && (next?.phase === 'failed' || next?.phase === 'ready');
    const afterCancel = e.phase === 'critical-ready' && m.cancel !== undefined;
    m.fail(outcome ? 'boot-outcome' : afterCancel ? 'phase-after-cancel' : 'phase', `phase ${e.phase}, expected ${next?.phase ?? 'no phase change'}${afterCancel ? ` (the boot was cancelled: ${m.cancelText()})` : ''}`);
  }
  if (e.phase === 'ready' || e.phase === 'failed') snapshot(m, e.pos);
  if (e.phase === 'stopped') m.stoppedSeen = true;
  if (e.phase === 'stopping' && m.shutdown === undefined) beginShutdown(m, e);
  if (e.phase === 'stopped') stopped(m);
}

export function snapshot(m: ModelState, pos: number): void {
  m.snapshot ??= {
    pos,
    status: m.comps.map((x) => x.status),
    outcomes: m.comps.map((x) => [...x.outcomes]),
    codes: m.comps.map((x) => x.code),
  };
  m.said ??= { status: [...m.saidNow.status], attempts: [...m.saidNow.attempts] };
}
