import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import { advisePriorities, type Advice } from './advisePriorities.js';
import { FileProfileStore } from './FileProfileStore.js';
import { foldBoot } from './foldBoot.js';
import { graphHashOf } from './graphHash.js';
import { KindTable } from './KindTable.js';
import type { LearnedReport, PredictionReport } from './LearnedReport.js';
import type { ProfileOptions } from './ProfileOptions.js';
import type { ProfileStore } from './ProfileStore.js';
import { readProfile } from './readProfile.js';
import { remainingPaths } from './remainingPaths.js';
import { emptyProfile, type UsageProfile } from './UsageProfile.js';
import { UsageRecorder } from './UsageRecorder.js';
import { WorkTracker } from './WorkTracker.js';

/** What the learning reads of the plan once it exists. */
export interface LearnedPlan {
  readonly graph: DependencyGraph;
  readonly order: Int32Array;
  readonly effective: Uint8Array;
}

/** Where profile warnings go. */
const about = 'preheat:profile';

/**
 * The learning loop, one owner: records usage (always, cheaply), and with a profile store loads the
 * profile before the boot plans, validates it against this graph, hands the advisor's priorities to
 * the plan and the learned load times to the ready queue, and saves the profile (this boot folded
 * in) when the boot is ready, every `saveInterval`, and at shutdown. Every store failure and every
 * refused profile is a warning event; nothing here can fail a boot.
 */
export class Learning {
  readonly usage: UsageRecorder;
  readonly kinds = new KindTable();
  readonly tracker: WorkTracker;
  readonly predictions: PredictionReport[] = [];
  readonly #store: ProfileStore | undefined;
  readonly #options: ProfileOptions;
  #loaded: Promise<void> | undefined;
  #raw: unknown;
  #base: UsageProfile | undefined;
  #graph: DependencyGraph | undefined;
  #hash = '';
  #advice: Advice | undefined;
  #durationAware = false;
  readonly #warnings: string[] = [];
  #stopSaving: (() => void) | undefined;
  #stopped = false;
  #saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly specs: readonly ComponentSpec[],
    private readonly states: ComponentStates,
    private readonly clock: Clock,
    options: ProfileOptions | undefined,
    /** Components restored from a snapshot: their load time says nothing of a full warm-up. */
    private readonly restoredFrom: { wasRestored(index: number): boolean },
  ) {
    this.usage = new UsageRecorder(clock);
    this.tracker = new WorkTracker(this.usage, { observe: (kind, used) => this.#observe(kind, used) });
    this.#options = options ?? {};
    this.#store = options?.store ?? (options?.path === undefined ? undefined : new FileProfileStore(options.path));
  }

  /** True with a profile store: the boot learns and reports `learned`. */
  get enabled(): boolean {
    return this.#store !== undefined;
  }

  /** The profile this boot started from (after validation), if any. */
  get profile(): UsageProfile | undefined {
    return this.#base;
  }

  /** Reads the saved profile (before the plan). Never rejects. */
  load(): Promise<void> {
    const store = this.#store;
    if (store === undefined) return Promise.resolve();
    this.#loaded ??= store.load().then(
      (raw) => void (this.#raw = raw),
      (error: unknown) => this.#warn(`could not read the saved profile: ${describeError(error)}`),
    );
    return this.#loaded;
  }

  /** The plan asks for priorities: the advisor's, from a profile of this very graph; else undefined. */
  readonly advise = (graph: DependencyGraph): ArrayLike<number> | undefined => {
    this.#graph = graph;
    this.usage.start(graph.size, this.#store !== undefined || this.specs.some((s) => s.idle !== undefined), this.#store !== undefined);
    if (this.#store === undefined) return undefined;
    this.#hash = graphHashOf(this.specs, graph);
    if (this.#raw !== undefined) {
      const reading = readProfile(this.#raw, this.#hash, new Set(this.specs.map((s) => s.name)));
      if (reading.problem !== undefined) this.#warn(`${reading.problem}; booting without it`);
      else this.#base = reading.profile;
    }
    this.#raw = undefined;
    const base = this.#base;
    if (base === undefined) return undefined;
    for (const [kind, entry] of Object.entries(base.kinds)) {
      const rows = new Map(Object.entries(entry.rows).map(([name, row]) => [name, { ...row }]));
      this.kinds.kinds.set(kind, { runs: entry.runs, rows });
    }
    this.#advice = advisePriorities(this.specs, base, this.#options.advisor ?? {});
    return this.#options.apply === false ? undefined : this.#advice.priorities;
  };

  /** Longest remaining path per component from learned load times, or undefined (FIFO order). */
  rank(plan: LearnedPlan, schedule: 'waves' | 'eager'): Float64Array | undefined {
    const base = this.#base;
    if (base === undefined || this.#options.apply === false) return undefined;
    const duration = new Float64Array(plan.graph.size);
    let known = 0;
    let sum = 0;
    for (let i = 0; i < duration.length; i++) {
      const ms = base.components[this.specs[i]!.name]?.loadMs;
      if (ms === undefined) duration[i] = NaN;
      else {
        duration[i] = ms;
        known++;
        sum += ms;
      }
    }
    if (known === 0) return undefined;
    const mean = sum / known; // a component never measured counts as an average one
    for (let i = 0; i < duration.length; i++) if (Number.isNaN(duration[i]!)) duration[i] = mean;
    this.#durationAware = true;
    return remainingPaths(plan.graph, plan.order, duration, plan.effective, schedule === 'waves');
  }

  /** The boot is ready: first uses are measured from now; the profile is saved, and then periodically. */
  booted(): void {
    this.usage.ready();
    if (this.#store === undefined) return;
    void this.save();
    const every = this.#options.saveInterval;
    if (every === undefined || this.#stopped) return;
    const again = (): void => {
      this.#stopSaving = this.clock.setTimeout(() => {
        void this.save().then(() => {
          if (!this.#stopped) again();
        });
      }, every);
    };
    again();
  }

  /**
   * Saves the profile with this boot folded in (never rejects). Saves run one after another, so an
   * earlier one can never land after a later one.
   */
  save(): Promise<void> {
    this.#saving = this.#saving.then(() => this.#save());
    return this.#saving;
  }

  async #save(): Promise<void> {
    const store = this.#store;
    const graph = this.#graph;
    if (store === undefined || graph === undefined) return;
    const profile = this.snapshot();
    try {
      await store.save(profile);
    } catch (error) {
      this.#warn(`could not save the profile: ${describeError(error)}`);
    }
  }

  /** The profile as it would be saved now (this boot folded into the one it started from). */
  snapshot(): UsageProfile {
    const graph = this.#graph!;
    const at = this.clock.now();
    const advised = this.#advice?.priorities ?? Uint8Array.from(this.specs.slice(0, graph.size), (s) => s.priority);
    const learning = { decay: this.#options.decay ?? 0.5, alpha: this.#options.alpha ?? 0.5 };
    return foldBoot(this.#base ?? emptyProfile(this.#hash, at), { specs: this.specs, graph, states: this.states, usage: this.usage, kinds: this.kinds, advised, restored: { has: (i) => this.restoredFrom.wasRestored(i) }, at }, learning);
  }

  /** Shutdown: the periodic save stops, the last one runs. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopSaving?.();
    await this.save();
  }

  /** The report's `learned` section, or undefined without a profile store. */
  report(): LearnedReport | undefined {
    if (this.#store === undefined) return undefined;
    const report: { -readonly [K in keyof LearnedReport]: LearnedReport[K] } = {
      profileBoots: this.#base?.boots ?? 0,
      adjustments: this.#options.apply === false ? [] : (this.#advice?.adjustments ?? []),
      durationAware: this.#durationAware,
      warnings: this.#warnings.slice(),
      predictions: this.predictions.slice(),
    };
    return report;
  }

  #observe(kind: string, used: ReadonlySet<number>): void {
    const names = new Set<string>();
    for (const i of used) names.add(this.specs[i]!.name);
    this.kinds.observe(kind, names);
    for (let k = this.predictions.length - 1; k >= 0; k--) {
      const p = this.predictions[k]!;
      if (p.kind !== kind) continue;
      if (p.used === undefined) this.predictions[k] = { ...p, used: [...names] };
      break;
    }
  }

  #warn(message: string): void {
    this.#warnings.push(message);
    this.states.warnAbout(about, this.clock.now(), message);
  }
}
