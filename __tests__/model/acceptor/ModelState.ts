import { ComponentStatus, type AttemptOutcome, type Phase, type Priority } from '../../../src/index.js';
import { defaults, effectivePriorities } from '../documented.js';
import type { Logged } from '../RunLog.js';
import type { Scenario } from '../Scenario.js';
import type { BootOutcome, BootView } from './checkBootEnd.js';
import { componentModels, type ComponentModel } from './ComponentModel.js';
import type { DispatchView } from './dispatchRules.js';
import { Expectations } from './Expectations.js';
import type { Violation } from './Violation.js';

/** What the model remembers of the moment the boot's report was built. */
export interface Snapshot {
  readonly pos: number;
  readonly status: readonly ComponentStatus[];
  readonly outcomes: readonly (readonly AttemptOutcome[])[];
  readonly codes: readonly (string | undefined)[];
}

export type Cancel = { readonly reason: 'failFast' | 'shutdown'; readonly t: number; readonly pos: number; readonly trigger?: number };

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
  criticalChecked = false;
  /** The model's boot outcome, once every boot member settled. */
  outcome: BootOutcome | undefined;
  bootEndSeen = false;
  cancel: Cancel | undefined;
  shutdown: { t: number; pos: number } | undefined;
  shutdownCalls = 0;
  shutdownEnds = 0;
  stoppedSeen = false;
  snapshot: Snapshot | undefined;
  /** What events$ alone said (last status, number of attempt events), now and at the snapshot. */
  readonly saidNow: { status: ComponentStatus[]; attempts: number[] };
  said: BootView['said'];
  /** getAsync calls waiting for their component to settle. */
  readonly waiting = new Map<number, number[]>();
  readonly disposed = new Map<string, { count: number; pos: number }>();
  /** A required component outside the boot set failed (on demand) at this time: for classifying bug (c). */
  nonBootRequiredFailure: { t: number; c: number } | undefined;
  /** The model's state when the first violation showed, for recognising known bugs. */
  atFirst: { cancel: Cancel | undefined; triggerCode: string | undefined; nonBootRequiredFailure: ModelState['nonBootRequiredFailure'] } | undefined;

  constructor(readonly scenario: Scenario) {
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
    this.atFirst ??= { cancel: this.cancel, triggerCode: trigger === undefined ? undefined : this.comps[trigger]!.code, nonBootRequiredFailure: this.nonBootRequiredFailure };
    this.violations.push({ rule, pos: e?.pos ?? -1, t: e?.t ?? this.now, message });
  }

  expectPhase(phase: Phase): void {
    this.phases.push({ phase, at: this.now });
  }

  cancelText(): string {
    const c = this.cancel!;
    return c.reason === 'shutdown' ? `shutdown() at #${c.pos}` : `fail-fast: ${this.comps[c.trigger!]!.name} failed at #${c.pos}`;
  }
}
