/** `warmup.report()` (README, errors.md "Errors in the report"; the lead's rule: a report is a snapshot). */
import type { Logged } from '../RunLog.js';
import { compareReport } from './checkBootEnd.js';
import type { ModelState } from './ModelState.js';

/** A report taken by an action, or at the very end of the run: it reads as the model's state now. */
export function report(m: ModelState, e: Extract<Logged, { k: 'report' }>): void {
  const what = e.final ? 'warmup.report() at the end of the run' : `warmup.report() at ${e.t} ms`;
  for (const problem of compareReport(m.comps, m.view(), e.report, what, m.t0)) m.fail(problem.rule, problem.message);
}
