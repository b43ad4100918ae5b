/** Status changes that settle a component, what they release or fail, and cancellations. */
import { ComponentStatus } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { ErrorInfo, Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';
import type { ModelState } from './ModelState.js';
import { progress } from './onBoot.js';
import { expectGetAsyncEnd } from './onGetAsync.js';
import { toStopped } from './onShutdown.js';
import { allDepsSettled, enqueue, start } from './onStart.js';

const { Pending, Loading, Ready, Degraded, Failed, Stopped } = ComponentStatus;

export function status(m: ModelState, e: Extract<Logged, { k: 'status' }>): void {
  const x = m.comps[e.c]!;
  m.saidNow.status[e.c] = e.to;
  if (e.from !== x.status) m.fail('status', `${x.name}: ${e.from} → ${e.to}, but the model has it ${x.status}`);
  if (e.to === Loading) return start(m, x);
  if (e.to === Stopped) return toStopped(m, x);
  const code = e.error?.code;
  const exp = m.expect.take('status', (s) => s.c === e.c);
  if (exp === undefined) {
    m.fail('unexpected', `${x.name} became ${e.to}${code ? ` (${code})` : ''} but the model expected no status change now`);
  } else if (exp.to !== e.to) {
    m.fail('wrong-status', `${x.name} became ${e.to}${code ? ` (${code})` : ''}; expected: ${exp.what}`);
  } else if (exp.codes.length > 0 && !exp.codes.includes(code ?? '')) {
    m.fail('wrong-code', `${x.name} became ${e.to} with ${code ?? 'no error'}; expected ${exp.codes.join(' or ')} (${exp.what})`);
  }
  if (code === codes.dependencyFailed) checkPath(m, x, e.error!);
  // A failure spreads through its dependents in an order the docs leave open, so what a failed
  // dependent releases counts as queued by the entry the failure started from.
  if (x.cascade === undefined) m.cascade = e.pos;
  if (e.to === Failed) x.failedAt = e.pos;
  settle(m, x, e.to, code, x.cascade ?? e.pos);
}

export function checkPath(m: ModelState, x: ComponentModel, error: ErrorInfo): void {
  const path = error.path ?? [];
  const dep = m.comps.find((y) => y.name === path[1]);
  const edge = x.plan.deps.find((d) => d.on === dep?.c);
  if (path[0] !== x.name || dep === undefined || edge === undefined || edge.optional || dep.status !== Failed) {
    m.fail('dependency-path', `${x.name}'s DependencyFailedError path ${path.join(' ← ')} does not start at it and a failed required dependency`);
  }
}

export function settle(m: ModelState, x: ComponentModel, to: ComponentStatus, code: string | undefined, pos: number): void {
  if (x.status === Loading) {
    m.running--;
    m.memory -= x.r.memoryMb;
  }
  x.status = to;
  x.stage = 'done';
  x.code = code;
  x.queued = undefined;
  if (to !== Ready && to !== Degraded) x.final = undefined;
  m.expect.drop(x.c, ['load', 'attempt', 'health']);
  for (const dep of x.dependents) {
    const y = m.comps[dep.c]!;
    if (!y.wanted || y.status !== Pending) continue;
    if (to === Failed && !dep.optional) {
      if (m.cancel === undefined) expectDependencyFailed(m, y, pos);
    }
    else if (!y.dependencyFailed && allDepsSettled(m, y) && m.cancel === undefined) enqueue(m, y, pos);
  }
  for (const call of m.waiting.get(x.c) ?? []) expectGetAsyncEnd(m, x, call);
  m.waiting.delete(x.c);
  // The lead's rule: a component loaded on demand is a boot member only if it is not DEFERRED, and
  // one that failed before boot() is dealt with when the boot starts (bootCall).
  if (to === Failed && x.r.required && x.inBoot && m.failFast && m.cancel === undefined && m.bootStarted && m.outcome === undefined) {
    cancel(m, 'failFast', x.c);
  }
  progress(m);
}

export function expectDependencyFailed(m: ModelState, x: ComponentModel, group: number): void {
  if (x.dependencyFailed) return;
  x.dependencyFailed = true;
  x.cascade = group;
  x.queued = undefined;
  m.expect.add({ kind: 'status', c: x.c, to: Failed, codes: [codes.dependencyFailed], lo: m.now, hi: m.now, what: `${x.name} fails with DependencyFailedError` });
}

/**
 * A cancellation (shutdown, fail-fast): nothing new starts, every load in flight ends as cancelled
 * (lifecycle: "Shutdown", step 3), and every wanted component that had not started fails with the
 * cancellation itself, whatever its dependencies did — except those the failure that fired
 * fail-fast fails by dependency: a failure settles together with its whole cascade on required
 * edges (DependencyFailedError), and fail-fast fires after it (lifecycle.md, "One component").
 */
export function cancel(m: ModelState, reason: 'failFast' | 'shutdown', trigger?: number): void {
  const e = m.entry!;
  // At boot(), a failure on demand from before is no cascade of this moment: the cancellation wins.
  const cascade = reason === 'failFast' && trigger !== undefined && e.k !== 'boot-call' ? sameCascade(m, m.comps[trigger]!) : new Set<number>();
  m.cancel = { reason, t: e.t, pos: e.pos, ...(trigger === undefined ? {} : { trigger }), ...(e.k === 'boot-call' ? { atBoot: true } : {}) };
  const t = m.now;
  for (const x of m.comps) {
    x.queued = undefined;
    if (x.status === Loading) {
      m.expect.drop(x.c, ['load', 'attempt', 'health', 'status']);
      if (x.stage === 'starting') x.startedBeforeCancel = true;
      if (x.stage === 'backoff') {
        m.expect.add({ kind: 'status', c: x.c, to: Failed, codes: [codes.cancelled], lo: t, hi: t, what: `${x.name} fails, cancelled during its backoff` });
      } else {
        const n = x.stage === 'starting' ? 1 : x.current!.n;
        m.expect.add({ kind: 'attempt', c: x.c, n, outcome: 'cancelled', lo: t, hi: t, what: `${x.name}'s attempt ${n} is cancelled` });
      }
    } else if (x.status === Pending && x.wanted && cascade.has(x.c)) {
      expectDependencyFailed(m, x, x.cascade ?? m.cascade ?? e.pos);
    } else if (x.status === Pending && x.wanted) {
      m.expect.drop(x.c, ['status']);
      m.expect.add({ kind: 'status', c: x.c, to: Failed, codes: [codes.cancelled], lo: t, hi: t, what: `${x.name} fails with the cancellation, the boot was cancelled before it started` });
    }
  }
}

/**
 * The components the failure that `trigger` belongs to fails by dependency, still pending: the
 * closure over required edges from that failure's root (the component whose own failure started
 * the cascade), through wanted components that have not settled.
 */
function sameCascade(m: ModelState, trigger: ComponentModel): Set<number> {
  const group = trigger.cascade ?? trigger.failedAt;
  const root = m.comps.find((y) => y.status === Failed && y.failedAt === group && y.cascade === undefined) ?? trigger;
  const reached = new Set<number>();
  const stack = [root.c];
  while (stack.length > 0) {
    const node = m.comps[stack.pop()!]!;
    for (const dep of node.dependents) {
      const y = m.comps[dep.c]!;
      if (dep.optional || !y.wanted || reached.has(y.c) || (y.status !== Pending && y.status !== Failed)) continue;
      if (y.status === Failed && y.code !== codes.dependencyFailed && y !== trigger) continue;
      reached.add(y.c);
      stack.push(y.c);
    }
  }
  return reached;
}
