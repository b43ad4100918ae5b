/** The boot's start and end (README "The boot outcome", architecture.md steps 2 and 4). */
import { ComponentStatus } from '../../../src/index.js';
import { Priority } from '../../../src/index.js';
import type { Logged } from '../RunLog.js';
import { checkBootEnd } from './checkBootEnd.js';
import type { ModelState } from './ModelState.js';
import { enqueue } from './onStart.js';

const { Failed } = ComponentStatus;

export function bootCall(m: ModelState, e: Logged): void {
  m.cascade = e.pos;
  m.bootStarted = true;
  m.expectPhase('booting');
  for (const x of m.comps) x.wanted = x.inBoot;
  for (const x of m.comps) if (x.inBoot && x.plan.deps.length === 0) enqueue(m, x, e.pos);
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
  if (m.cancel?.reason === 'shutdown') m.outcome = { kind: 'cancelled' };
  else if (m.cancel?.reason === 'failFast') m.outcome = { kind: 'failed', failedRequired, failFast: m.cancel.trigger! };
  else if (failedRequired.length > 0) m.outcome = { kind: 'failed', failedRequired };
  else m.outcome = { kind: 'ready' };
  if (m.outcome.kind === 'ready') m.expectPhase('ready');
  if (m.outcome.kind === 'failed') m.expectPhase('failed');
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
}
