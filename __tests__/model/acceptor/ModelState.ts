import { ComponentStatus, type AttemptOutcome, type Phase, type Priority } from '../../../src/index.js';
import { defaults, effectivePriorities } from '../documented.js';
import type { Logged } from '../RunLog.js';
import type { Scenario } from '../Scenario.js';
import type { BootOutcome, BootView } from './checkBootEnd.js';
import { componentModels, type Abandon, type ComponentModel } from './ComponentModel.js';
import type { DispatchView } from './dispatchRules.js';
import { Expectations } from './Expectations.js';
import type { Violation } from './Violation.js';

/** How the model says a report reads at one moment (the boot's end, a `warmup.report()` call). */
export interface ReportView {
  /** The graph was planned: before that a report has no effective priorities to show (docs: unsaid). */
  readonly planned: boolean;
  readonly status: readonly ComponentStatus[];
  readonly outcomes: readonly (readonly AttemptOutcome[])[];
  readonly codes: readonly (string | undefined)[];
  /** Per attempt: the `abandoned` and `settledLateAt` (on the Warmup's clock) its record may show. */
  readonly marks: readonly (readonly (readonly AttemptMarks[])[])[];
  /** Straight from events$, independent of the model: last status and number of attempt events. */
  readonly said: { readonly status: readonly ComponentStatus[]; readonly attempts: readonly number[] };
}

export interface AttemptMarks {
  readonly abandoned: boolean;
  readonly settledLateAt: number | undefined;
}

/** What the model remembers of the moment the boot's report was built. */
export interface Snapshot extends ReportView {
  readonly pos: number;
}

/** A cancellation; `atBoot`: fail-fast fired by boot() itself, for a boot member that failed on demand before. */
export type Cancel = { readonly reason: 'failFast' | 'shutdown'; readonly t: number; readonly pos: number; readonly trigger?: number; readonly atBoot?: boolean };

/** Everything the model knows while it reads a run's log; the `on*` handlers read and write it. */
export class ModelState implements DispatchView, BootView {
  readonly violations: Violation[] = [];
  readonly comps: ComponentModel[];
  readonly effective: Priority[];
  readonly maxConcurrent: number;
  readonly budget: number;
  readonly schedule: 'waves' | 'eager';
  readonly failFast: boolean;
  running = 0;
  memory = 0;
  cascade = 0;
  readonly expect = new Expectations();
  /** Phases the run must still go through, in order, each with the time it became due. */
  readonly phases: { phase: Phase; at: number }[] = [];
  now = 0;
  /** The entry being read. */
  entry: Logged | undefined;
  bootStarted = false;
  /** boot() or a getAsync has planned the graph (priority inversion included). */
  planned = false;
  criticalChecked = false;
  /** The model's boot outcome, once every boot member settled. */
  outcome: BootOutcome | undefined;
  bootEndSeen = false;
  cancel: Cancel | undefined;
  /** shutdown() began; its hooks are due once the drain is over. */
  shutdown: { t: number; pos: number; hooksAt: number } | undefined;
  shutdownCalls = 0;
  shutdownEnds = 0;
  stoppedSeen = false;
  /**
   * How the boot's report may read: it is built once the last boot member settled, and before the
   * phase becomes ready or failed (architecture.md step 4). What happens in between (on-demand
   * loads, warnings) may or may not be in it, so the model keeps how it reads after each entry.
   */
  readonly snapshots: Snapshot[] = [];
  /** The phase became ready or failed. */
  outcomePhaseSeen = false;
  /** Boot members that boot() found with a failed required dependency, so failed while planning. */
  failedAtPlan = 0;
  /** The last value of progress$ during the boot. */
  progress: { settled: number; total: number } | undefined;
  /** What events$ alone said (last status, number of attempt events). */
  readonly saidNow: { status: ComponentStatus[]; attempts: number[] };
  /** getAsync calls waiting for their component to settle. */
  readonly waiting = new Map<number, number[]>();
  readonly disposed = new Map<string, { count: number; pos: number }>();
  /** The model's state when the first violation showed, for recognising known bugs. */
  atFirst: { readonly cancel: Cancel | undefined; readonly triggerCode: string | undefined } | undefined;

  /** `t0`: the Warmup's clock at virtual ms 0, to read the times in reports. */
  constructor(
    readonly scenario: Scenario,
    readonly t0: number,
  ) {
    const o = scenario.options;
    this.maxConcurrent = o.maxConcurrent ?? defaults.maxConcurrent;
    this.budget = o.memoryBudgetMb ?? Infinity;
    this.schedule = o.schedule ?? 'waves';
    this.failFast = o.failFast ?? false;
    this.effective = effectivePriorities(scenario);
    this.comps = componentModels(scenario, this.effective);
    this.saidNow = { status: this.comps.map(() => ComponentStatus.Pending), attempts: this.comps.map(() => 0) };
  }

  fail(rule: string, message: string): void {
    const e = this.entry;
    const trigger = this.cancel?.trigger;
    this.atFirst ??= { cancel: this.cancel, triggerCode: trigger === undefined ? undefined : this.comps[trigger]!.code };
    this.violations.push({ rule, pos: e?.pos ?? -1, t: e?.t ?? this.now, message });
  }

  expectPhase(phase: Phase, at = this.now): void {
    this.phases.push({ phase, at });
  }

  /** How a report taken now must read. */
  view(): ReportView {
    return {
      planned: this.planned,
      status: this.comps.map((x) => x.status),
      outcomes: this.comps.map((x) => [...x.outcomes]),
      codes: this.comps.map((x) => x.code),
      marks: this.comps.map((x) => x.attempts.map((a) => this.#marks(a.abandon))),
      said: { status: [...this.saidNow.status], attempts: [...this.saidNow.attempts] },
    };
  }

  /**
   * What an attempt's record may say about abandonment. Seen through events$, exactly what the
   * warnings said. Unseen (after phase stopped), the record alone tells, and work that settled
   * within the abort's tick may or may not have been declared abandoned first.
   */
  #marks(abandon: Abandon | undefined): AttemptMarks[] {
    const none = { abandoned: false, settledLateAt: undefined };
    if (abandon === undefined) return [none];
    const late = abandon.lateAt === undefined ? undefined : this.t0 + abandon.lateAt;
    if (abandon.announced) return [{ abandoned: true, settledLateAt: late }];
    const settledInTick = abandon.lateAt === undefined ? this.now <= abandon.at + 1 : abandon.lateAt <= abandon.at + 1;
    return settledInTick ? [none, { abandoned: true, settledLateAt: late }] : [{ abandoned: true, settledLateAt: late }];
  }

  cancelText(): string {
    const c = this.cancel!;
    return c.reason === 'shutdown' ? `shutdown() at #${c.pos}` : `fail-fast: ${this.comps[c.trigger!]!.name} failed at #${c.pos}`;
  }
}
