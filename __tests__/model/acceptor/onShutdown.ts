/** Shutdown (lifecycle.md, "Shutdown"), disposals, and what container.get hands out. */
import { ComponentStatus } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';
import type { ModelState } from './ModelState.js';
import { cancel } from './onSettle.js';

const { Loading, Failed, Stopped } = ComponentStatus;

export function shutdownCall(m: ModelState, e: Extract<Logged, { k: 'shutdown-call' }>): void {
  m.shutdownCalls++;
  if (m.shutdown !== undefined) return; // idempotent: the same promise
  m.expectPhase('stopping');
  beginShutdown(m, e, e.drainMs ?? 0);
}

/**
 * Shutdown steps 1 and 3 at once (a boot in progress is cancelled at once, not after the drain);
 * every hook here is synchronous and every load stops at once, so the shutdown ends `drainMs` later.
 */
export function beginShutdown(m: ModelState, e: Logged, drainMs = 0): void {
  m.shutdown = { t: e.t, pos: e.pos, hooksAt: e.t + drainMs };
  if (m.cancel === undefined) cancel(m, 'shutdown');
  m.expectPhase('stopped', e.t + drainMs);
}

export function toStopped(m: ModelState, x: ComponentModel): void {
  if (m.shutdown === undefined) return m.fail('unexpected', `${x.name} stopped before shutdown()`);
  if (m.now < m.shutdown.hooksAt) m.fail('shutdown', `${x.name} stopped during the drain (hooks are due at ${m.shutdown.hooksAt} ms)`);
  if (x.status === Failed || x.status === Loading) m.fail('status', `${x.name} stopped while ${x.status}`);
  if (x.final !== undefined && m.disposed.get(x.final) === undefined) m.fail('dispose', `${x.name} stopped before its instance ${x.final} was disposed`);
  x.status = Stopped;
}

export function stopped(m: ModelState): void {
  for (const x of m.comps) {
    if (x.status !== Stopped && x.status !== Failed) m.fail('shutdown', `shutdown finished (phase stopped) while ${x.name} is ${x.status}`);
  }
}

export function dispose(m: ModelState, e: Extract<Logged, { k: 'dispose' }>): void {
  const x = m.comps[e.c]!;
  const seen = m.disposed.get(e.id);
  m.disposed.set(e.id, { count: (seen?.count ?? 0) + 1, pos: seen?.pos ?? e.pos });
  if (m.expect.take('dispose', (d) => d.id === e.id)) return;
  const a = x.current;
  // A cancellation reaches a health check in flight: its instance may be disposed before the attempt's end is told.
  if (m.cancel !== undefined && a !== undefined && a.holdsInstance && !a.ended && e.id === x.idOf(a.n) && seen === undefined) return;
  if (m.shutdown !== undefined && e.id === x.final && x.usable && seen === undefined) {
    if (m.now < m.shutdown.hooksAt) m.fail('dispose', `${e.id} was disposed during the drain (hooks are due at ${m.shutdown.hooksAt} ms)`);
    return;
  }
  if (e.id === x.final) m.fail('dispose', `${e.id}, the instance ${x.name} hands out, was disposed before shutdown`);
  else m.fail('dispose', `${e.id} was disposed but the model expected no disposal now${seen ? ' (again)' : ''}`);
}

export function containerGet(m: ModelState, e: Extract<Logged, { k: 'container-get' }>): void {
  const x = m.comps[e.c]!;
  if (x.usable && e.id !== x.final) m.fail('instance', `container.get(${x.name}) gave ${e.id ?? e.error?.code}, expected ${x.final}`);
  if (!x.usable && e.error?.code !== codes.notReady) m.fail('instance', `container.get(${x.name}) while ${x.status} gave ${e.id ?? e.error?.code}, expected NOT_READY`);
}

/** lifecycle.md, Shutdown step 4: a component stops once everything that depends on it has stopped. */
export function checkShutdownOrder(m: ModelState): void {
  const at = (x: ComponentModel): number | undefined => {
    const d = x.final === undefined ? undefined : m.disposed.get(x.final);
    return d !== undefined && m.shutdown !== undefined && d.pos > m.shutdown.pos ? d.pos : undefined;
  };
  for (const x of m.comps) {
    const mine = at(x);
    if (mine === undefined) continue;
    for (const d of x.plan.deps) {
      const dep = m.comps[d.on]!;
      const theirs = at(dep);
      if (theirs !== undefined && theirs < mine) m.fail('shutdown-order', `${dep.name} was disposed (#${theirs}) before its dependent ${x.name} (#${mine})`);
    }
  }
}
