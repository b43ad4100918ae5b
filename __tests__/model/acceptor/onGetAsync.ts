/**
 * On-demand loads: `warmup.getAsync` and `container.getAsync` (lifecycle.md, "Deferred loading",
 * with the lead's rules: the component and every dependency that has not settled load in the
 * on-demand bucket, ahead of every wave, whatever their priority; during shutdown a component is
 * handed out while it is usable and its shutdown hook has not run).
 */
import { ComponentStatus } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';
import type { ModelState } from './ModelState.js';
import { expectDependencyFailed } from './onSettle.js';
import { allDepsSettled, enqueue, failedRequiredDep } from './onStart.js';

const { Pending } = ComponentStatus;

export function getAsyncCall(m: ModelState, e: Extract<Logged, { k: 'get-async-call' }>): void {
  const x = m.comps[e.c]!;
  if (m.shutdown === undefined) m.planned = true;
  if (x.usable || x.settled || m.shutdown !== undefined || m.cancel !== undefined) return expectGetAsyncEnd(m, x, e.call);
  m.cascade = e.pos;
  const list = m.waiting.get(x.c) ?? [];
  list.push(e.call);
  m.waiting.set(x.c, list);
  if (x.status === Pending) demand(m, x, e.pos);
}

/**
 * getAsync loads the component and every dependency that has not settled, from the on-demand
 * bucket, ahead of the waves (the lead's amended lifecycle.md, "Deferred loading").
 */
export function demand(m: ModelState, root: ComponentModel, pos: number): void {
  const stack = [root];
  const seen = new Set([root.c]);
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.status === Pending && !x.dependencyFailed) {
      x.wanted = true;
      x.demanded = true;
      if (x.queued !== undefined) {
        if (x.queued.bucket !== 0) x.queued = { bucket: 0, group: pos };
      } else if (failedRequiredDep(m, x)) {
        expectDependencyFailed(m, x, pos);
      } else if (allDepsSettled(m, x)) {
        enqueue(m, x, pos);
      }
    }
    for (const d of x.plan.deps) {
      const dep = m.comps[d.on]!;
      if (!dep.settled && !seen.has(dep.c)) {
        seen.add(dep.c);
        stack.push(dep);
      }
    }
  }
}

export function expectGetAsyncEnd(m: ModelState, x: ComponentModel, call: number): void {
  const t = m.now;
  const base = { kind: 'get-async-end' as const, c: x.c, call, lo: t, hi: t };
  if (x.usable && !m.disposed.has(x.final!)) m.expect.add({ ...base, id: x.final!, what: `getAsync#${call}(${x.name}) resolves with ${x.final}` });
  else if (m.shutdown !== undefined || m.cancel !== undefined) m.expect.add({ ...base, cause: '*', what: `getAsync#${call}(${x.name}) rejects with NOT_READY (shutting down)` });
  else m.expect.add({ ...base, cause: x.code ?? '?', what: `getAsync#${call}(${x.name}) rejects with NOT_READY (cause ${x.code})` });
}

export function getAsyncEnd(m: ModelState, e: Extract<Logged, { k: 'get-async-end' }>): void {
  const exp = m.expect.take('get-async-end', (g) => g.call === e.call);
  const name = m.comps[e.c]!.name;
  if (exp === undefined) return m.fail('unexpected', `getAsync#${e.call}(${name}) settled (${e.id ?? e.error?.code}) but the model expected it to wait`);
  if (exp.id !== undefined && e.id !== exp.id) return m.fail('instance', `getAsync#${e.call}(${name}) gave ${e.id ?? e.error?.code}, expected ${exp.id}`);
  if (exp.cause === undefined) return;
  if (e.error?.code !== codes.notReady) return m.fail('wrong-code', `getAsync#${e.call}(${name}) gave ${e.id ?? e.error?.code}; expected: ${exp.what}`);
  if (exp.cause !== '*' && e.error.cause?.code !== exp.cause) m.fail('wrong-code', `getAsync#${e.call}(${name}) rejected with cause ${e.error.cause?.code}; expected ${exp.cause}`);
}
