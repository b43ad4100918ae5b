import type { BootReport } from '../../../src/index.js';
import { codes } from '../documented.js';
import type { ErrorInfo, Logged } from '../RunLog.js';
import type { ComponentModel } from './ComponentModel.js';
import type { ReportView } from './ModelState.js';

/** The boot's outcome per the docs (README "The boot outcome", errors.md PREHEAT_BOOT_FAILED / _CANCELLED). */
export type BootOutcome =
  | { readonly kind: 'ready' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly failedRequired: readonly string[]; readonly failFast?: number; readonly duringShutdown?: true };

/** What the model and events$ said when the boot's report was built. */
export interface BootView {
  readonly outcome: BootOutcome | undefined;
  readonly comps: readonly ComponentModel[];
  readonly snapshots: readonly ReportView[];
  readonly t0: number;
}

export type Problem = { rule: string; message: string };

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
      } else if (out.duringShutdown === true) {
        if (e.error.cause?.code !== codes.cancelled) fail('boot-outcome', `BootError of a boot the shutdown cut short has cause ${show(e.error.cause)}; expected BootCancelledError`);
      } else if (e.error.cause !== undefined) fail('boot-outcome', `BootError without fail-fast has cause ${show(e.error.cause)}`);
    }
  }
  const report = e.ok ? e.report : e.error?.report;
  if (report !== undefined && view.snapshots.length > 0) {
    // Built at one moment of the window the model kept: it must read as one of them.
    const each = view.snapshots.map((s) => compareReport(view.comps, s, report, 'the boot report', view.t0));
    if (!each.some((p) => p.length === 0)) problems.push(...each[0]!);
  }
  return problems;
}

/**
 * Compares a report with how the model says it reads at one moment (`view`): the shape's version,
 * each component's status, attempts, outcomes, error code, effective priority, and the marks of
 * abandoned attempts; and the status and attempt count with what events$ alone had said.
 */
export function compareReport(comps: readonly ComponentModel[], view: ReportView, report: BootReport, what: string, t0: number): Problem[] {
  const problems: Problem[] = [];
  const fail = (rule: string, message: string): number => problems.push({ rule, message: `${what}: ${message}` });
  if ((report as { formatVersion?: unknown }).formatVersion !== 1) fail('report', `formatVersion is ${String((report as { formatVersion?: unknown }).formatVersion)}, expected 1`);
  for (const x of comps) {
    const r = report.components[x.name];
    if (r === undefined) {
      fail('report', `no entry for ${x.name}`);
      continue;
    }
    const history = r.attemptHistory.map((a) => a.outcome).join(',');
    const { said } = view;
    if (r.status !== said.status[x.c] || r.attempts !== said.attempts[x.c]) {
      fail('report-vs-events', `${x.name} ${r.status} after ${r.attempts} attempt(s); events$ said ${said.status[x.c]} after ${said.attempts[x.c]}`);
    }
    const want = { status: view.status[x.c], history: view.outcomes[x.c]!.join(','), code: view.codes[x.c] };
    const grewLater = r.status === want.status && r.attempts === view.outcomes[x.c]!.length && history.startsWith(want.history) && history !== want.history;
    if (grewLater) {
      // A report is a snapshot (architecture.md: "built once, here"; the lead's rule for report()).
      fail('report-mutated', `${x.name} has attempts ${r.attempts} but attemptHistory [${history}]; it was [${want.history}] when the report was built`);
    } else if (r.status !== want.status || r.attempts !== view.outcomes[x.c]!.length || history !== want.history) {
      fail('report', `${x.name} ${r.status}, attempts [${history}]; model: ${want.status}, attempts [${want.history}]`);
    }
    const settledWithError = r.status === 'failed' || r.status === 'degraded';
    if (settledWithError && r.errorCode !== want.code) fail('report', `${x.name} errorCode ${r.errorCode}; model: ${want.code}`);
    if (view.planned && r.effectivePriority !== x.wave) fail('report', `${x.name} effectivePriority ${r.effectivePriority}; model: ${x.wave}`);
    for (const record of r.attemptHistory) {
      const allowed = view.marks[x.c]![record.attempt - 1];
      if (allowed === undefined) continue;
      const abandoned = record.abandoned === true;
      if (!allowed.some((a) => a.abandoned === abandoned && a.settledLateAt === record.settledLateAt)) {
        const show = (a: { abandoned: boolean; settledLateAt: number | undefined }): string =>
          `abandoned ${String(a.abandoned)}, settledLateAt ${a.settledLateAt === undefined ? 'none' : `@${a.settledLateAt - t0} ms`}`;
        fail('abandoned', `${x.name}'s attempt ${record.attempt} reads ${show({ abandoned, settledLateAt: record.settledLateAt })}; model: ${allowed.map(show).join(' or ')}`);
      }
    }
  }
  return problems;
}
