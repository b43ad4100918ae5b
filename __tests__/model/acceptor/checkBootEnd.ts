import type { BootReport, ComponentStatus } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { ErrorInfo, Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';

/** The boot's outcome per the docs (README "The boot outcome", errors.md PREHEAT_BOOT_FAILED / _CANCELLED). */
export type BootOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly failedRequired: readonly string[]; readonly failFast?: number };

/** What the model and events$ said when the boot's report was built. */
export interface BootView {
  readonly outcome: BootOutcome | undefined;
  readonly comps: readonly ComponentModel[];
  readonly snapshot: { readonly status: readonly ComponentStatus[]; readonly outcomes: readonly (readonly string[])[]; readonly codes: readonly (string | undefined)[] } | undefined;
  /** Straight from events$, independent of the model: last status and number of attempt events. */
  readonly said: { readonly status: readonly ComponentStatus[]; readonly attempts: readonly number[] } | undefined;
}

type Problem = { rule: string; message: string };

const show = (e: ErrorInfo | undefined): string => (e === undefined ? 'nothing' : `${e.name} (${e.code ?? 'no code'})`);

/** Compares `boot()`'s settlement and report with the model. */
export function checkBootEnd(view: BootView, e: Extract<Logged, { k: 'boot-end' }>): Problem[] {
  const problems: Problem[] = [];
  const out = view.outcome!;
  const fail = (rule: string, message: string): number => problems.push({ rule, message });
  if (out.kind === 'ready') {
    if (!e.ok) fail('boot-outcome', `boot() rejected with ${show(e.error)}${e.error?.failedRequired ? ` listing [${e.error.failedRequired.join(', ')}]` : ''}; expected it to resolve`);
  } else if (out.kind === 'cancelled') {
    if (e.ok || e.error?.code !== codes.cancelled) fail('boot-outcome', `boot() ${e.ok ? 'resolved' : `rejected with ${show(e.error)}`}; expected BootCancelledError (shutdown)`);
  } else {
    const expected = [...out.failedRequired].sort().join(', ');
    if (e.ok || e.error?.code !== codes.bootFailed) fail('boot-outcome', `boot() ${e.ok ? 'resolved' : `rejected with ${show(e.error)}`}; expected BootError listing [${expected}]`);
    else {
      const got = [...(e.error.failedRequired ?? [])].sort().join(', ');
      if (got !== expected) fail('boot-outcome', `BootError lists [${got}]; expected exactly the failed required boot components [${expected}]`);
      if (out.failFast !== undefined) {
        const trigger = view.comps[out.failFast]!;
        if (e.error.cause?.code !== codes.cancelled) fail('boot-outcome', `fail-fast BootError has cause ${show(e.error.cause)}; expected BootCancelledError`);
        else if (e.error.cause.cause?.code !== trigger.code) fail('boot-outcome', `fail-fast BootCancelledError's cause is ${show(e.error.cause.cause)}; expected ${trigger.name}'s ${trigger.code}`);
      } else if (e.error.cause !== undefined) fail('boot-outcome', `BootError without fail-fast has cause ${show(e.error.cause)}`);
    }
  }
  const report = e.ok ? e.report : e.error?.report;
  if (report !== undefined) problems.push(...compareReport(view, report));
  return problems;
}

function compareReport(view: BootView, report: BootReport): Problem[] {
  const problems: Problem[] = [];
  const { snapshot, said } = view;
  for (const x of view.comps) {
    const r = report.components[x.name];
    if (r === undefined) {
      problems.push({ rule: 'report', message: `the report has no entry for ${x.name}` });
      continue;
    }
    const history = r.attemptHistory.map((a) => a.outcome).join(',');
    if (said !== undefined && (r.status !== said.status[x.c] || r.attempts !== said.attempts[x.c])) {
      problems.push({ rule: 'report-vs-events', message: `report: ${x.name} ${r.status} after ${r.attempts} attempt(s); events$ said ${said.status[x.c]} after ${said.attempts[x.c]}` });
    }
    if (snapshot === undefined) continue;
    const want = { status: snapshot.status[x.c], history: snapshot.outcomes[x.c]!.join(','), code: snapshot.codes[x.c] };
    const grewLater = r.status === want.status && r.attempts === snapshot.outcomes[x.c]!.length && history.startsWith(want.history) && history !== want.history;
    if (grewLater) {
      // Built when the boot ended (architecture.md: "built once, here"), then appended to.
      problems.push({ rule: 'report-mutated', message: `report: ${x.name} has attempts ${r.attempts} but attemptHistory [${history}]; it was [${want.history}] when the report was built` });
    } else if (r.status !== want.status || r.attempts !== snapshot.outcomes[x.c]!.length || history !== want.history) {
      problems.push({ rule: 'report', message: `report: ${x.name} ${r.status}, attempts [${history}]; model: ${want.status}, attempts [${want.history}]` });
    }
    const settledWithError = r.status === 'failed' || r.status === 'degraded';
    if (settledWithError && r.errorCode !== want.code) problems.push({ rule: 'report', message: `report: ${x.name} errorCode ${r.errorCode}; model: ${want.code}` });
    if (r.effectivePriority !== x.wave) problems.push({ rule: 'report', message: `report: ${x.name} effectivePriority ${r.effectivePriority}; model: ${x.wave}` });
  }
  return problems;
}
