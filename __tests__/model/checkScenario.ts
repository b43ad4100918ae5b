import { BootModel } from './acceptor/BootModel.js';
import type { Violation } from './acceptor/Violation.js';
import { classify, type KnownBug } from './knownBugs.js';
import { runScenario, type Run } from './runScenario.js';
import type { Scenario } from './Scenario.js';

/** The verdict on one scenario. */
export interface Verdict {
  readonly run: Run;
  readonly violations: readonly Violation[];
  /** Set when the first violation is the signature of a bug already reported to the lead. */
  readonly known: KnownBug | undefined;
}

/** Runs the scenario (jest fake timers must be on) and feeds its log to the model. */
export async function checkScenario(scenario: Scenario): Promise<Verdict> {
  const run = await runScenario(scenario);
  const model = new BootModel(scenario, run.t0);
  for (const entry of run.log.entries) model.consume(entry);
  model.finish(run.end, run.bootBound);
  const first = model.violations[0];
  return { run, violations: model.violations, known: first === undefined ? undefined : classify(first, model) };
}

/** A failure message: the violations, then the log around the first one. */
export function explain(verdict: Verdict): string {
  const { run, violations } = verdict;
  const first = violations[0];
  if (first === undefined) return 'no violation';
  const lines = violations.slice(0, 8).map((v) => `  [${v.rule}] @${v.t} ms (#${v.pos}): ${v.message}`);
  const from = Math.max(0, first.pos - 40);
  const to = first.pos < 0 ? run.log.entries.length : first.pos + 5;
  return [
    `${violations.length} violation(s)${verdict.known ? `, the first one is known bug (${verdict.known})` : ''}:`,
    ...lines,
    `log #${from}..#${to - 1}:`,
    run.log.format(run.names, from, to),
  ].join('\n');
}
