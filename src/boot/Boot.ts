import type { LearnedReport } from '../adaptive/LearnedReport.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { debug } from '../debug.js';
import type { BootReport } from '../report/BootReport.js';
import { buildReport } from '../report/buildReport.js';
import type { HealthRecords } from '../health/HealthRecords.js';
import type { HealthScore } from '../lifecycle/MonitorOptions.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Readiness } from '../readiness/Readiness.js';
import type { Clock } from '../run/Clock.js';
import type { Loads } from './Loads.js';
import type { Planner } from './Planner.js';
import { runBoot } from './runBoot.js';

/** Who can stop the container (the fail-fast path disposes what was ready). */
export interface Stopper {
  shutdown(): Promise<unknown>;
}

/** Where the report finds each component's health score (the runtime monitors). */
export interface HealthScores {
  scoreOf(index: number): HealthScore | undefined;
}

/** The learning loop as the boot sees it: read the profile first, report it, hear when ready. */
export interface BootLearning {
  readonly enabled: boolean;
  load(): Promise<void>;
  booted(): void;
  report(): LearnedReport | undefined;
}

/** Persisted warm state as the boot sees it: read before the plan, saved after a good boot. */
export interface BootSnapshots {
  readonly enabled: boolean;
  load(): Promise<void>;
  save(): Promise<void>;
  readonly restoredNames: string[];
}

/** What {@link Boot} is built from. */
export interface BootConfig {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly readiness: Readiness;
  readonly planner: Planner;
  readonly loads: Loads;
  readonly clock: Clock;
  readonly schedule: 'waves' | 'eager';
  readonly failFast: boolean;
  readonly health: HealthScores;
  /** The last health results: score and mode in the report. */
  readonly checks: HealthRecords;
  readonly stopper: Stopper;
  readonly learning: BootLearning;
  readonly snapshots: BootSnapshots;
  /** Idle tiers: watching starts once the boot is ready. */
  readonly idle: { start(): void };
  /** The container's ready-made plans, made for every usable component once the waves are over. */
  readonly plans: { prepare(): void };
}

/**
 * `boot()` and `report()`: one boot per Warmup (every call shares it), its start and end times, and
 * the report. The steps themselves read top-down in {@link runBoot}.
 */
export class Boot {
  readonly #config: BootConfig;
  #run: Promise<BootReport> | undefined;
  #startedAt = NaN;
  #finishedAt = NaN;
  #primeMs: number | undefined;

  constructor(config: BootConfig) {
    this.#config = config;
  }

  /** The boot's promise, started on the first call. */
  start(): Promise<BootReport> {
    this.#run ??= this.#start();
    return this.#run;
  }

  /** A report of the current state (the same shape `boot()` resolves with). */
  report(): BootReport {
    const { specs, states, planner, schedule, health, checks, clock, learning, snapshots } = this.#config;
    const now = clock.now();
    return buildReport({
      specs,
      states,
      graph: planner.graph,
      effective: planner.effective,
      schedule,
      healthOf: (i) => health.scoreOf(i),
      checks,
      startedAt: Number.isNaN(this.#startedAt) ? now : this.#startedAt,
      finishedAt: Number.isNaN(this.#finishedAt) ? now : this.#finishedAt,
      learned: learning.report(),
      primeMs: this.#primeMs,
      restored: snapshots.enabled ? snapshots.restoredNames : undefined,
    });
  }

  async #start(): Promise<BootReport> {
    await Promise.resolve(); // boot() never throws synchronously
    const { specs, loads, readiness, schedule, failFast, clock, stopper, learning, snapshots } = this.#config;
    if (learning.enabled || snapshots.enabled) await Promise.all([learning.load(), snapshots.load()]); // before the plan; never reject
    // shutdown() called in the same tick as boot(): there is nothing to cancel yet, so do not start.
    if (loads.cancelled !== undefined) throw loads.cancelled;
    this.#startedAt = clock.now();
    debug('boot: %d components, %s', specs.length, schedule);
    const report = await runBoot({
      specs,
      loads,
      readiness,
      schedule,
      failFast,
      planTokens: () => this.#config.plans.prepare(),
      prime: async () => {
        this.#primeMs = await loads.prime();
      },
      report: () => {
        this.#finishedAt = clock.now();
        return this.report();
      },
      shutdown: () => stopper.shutdown(),
    });
    learning.booted();
    this.#config.idle.start();
    void snapshots.save(); // never rejects; a shutdown waits for it
    return report;
  }
}
