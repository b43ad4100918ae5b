import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority } from '../component/Priority.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import { withDeadline } from '../run/Deadline.js';
import type { KindTable } from './KindTable.js';
import type { PredictionReport } from './LearnedReport.js';

/**
 * The thresholds of `warmup.prepare(kind)` (`WarmupOptions.profile.predictor`).
 *
 * @example
 * ```ts
 * new Warmup(container, { profile: { path: 'profile.json', predictor: { high: 0.9, low: 0.3 } } });
 * ```
 */
export interface PredictorOptions {
  /** At or above: the component is loaded in the background. Default 0.75. */
  readonly high?: number;
  /** At or above (and below `high`): only its cheap `prepare()` hook runs. Default 0.2. */
  readonly low?: number;
}

/** What the preloader needs: the kind table, loads on demand, and the plan's effective priorities. */
export interface PreloaderParts {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly kinds: KindTable;
  /** Where `prepare` results go (the report's `learned.predictions`), the last 16. */
  readonly predictions: PredictionReport[];
  readonly options: PredictorOptions;
  /** Effective priorities (undefined before the plan: nothing is preloaded then). */
  effective(): Uint8Array | undefined;
  /** Loads a component on demand, in the background. */
  demand(index: number): Promise<void>;
}

const keptPredictions = 16;

/**
 * `warmup.prepare(kind)`, like Chrome's loading predictor: for each component the kind used before,
 * `confidence = hits / (hits + misses)`; at or above `high` a DEFERRED one (not loaded by the boot)
 * starts loading in the background, through the same on-demand path as `getAsync` (the dispatcher's
 * concurrency and memory budget hold); between `low` and `high` only its cheap `prepare()` hook runs
 * (a loader definition's `prepare(signal)`, or a class's `static prepare(signal)`), within its
 * `timeout`. Below `low`, nothing. Never throws; a failing hook is a warning event.
 */
export class Preloader {
  #byName: Map<string, number> | undefined;

  constructor(private readonly parts: PreloaderParts) {}

  prepare(kind: string): PredictionReport {
    const { specs, states, kinds, options } = this.parts;
    const high = options.high ?? 0.75;
    const low = options.low ?? 0.2;
    const effective = this.parts.effective();
    const preloaded: string[] = [];
    const prepared: string[] = [];
    for (const [name, row] of kinds.rows(kind)) {
      const index = this.#indexOf(name);
      if (index < 0) continue;
      const confidence = row.hits / (row.hits + row.misses);
      const waiting = states.status[index] === ComponentStatus.Pending && effective !== undefined && effective[index] === Priority.DEFERRED;
      if (confidence >= high) {
        if (!waiting) continue;
        preloaded.push(name);
        void this.parts.demand(index);
      } else if (confidence >= low && waiting && this.#runPrepare(specs[index]!)) {
        prepared.push(name);
      }
    }
    const report: PredictionReport = { kind, preloaded, prepared };
    this.parts.predictions.push(report);
    if (this.parts.predictions.length > keptPredictions) this.parts.predictions.shift();
    return report;
  }

  /** Starts the component's cheap hook; false when it has none. */
  #runPrepare(spec: ComponentSpec): boolean {
    const definition = spec.definition;
    const ctor = spec.ctor as { prepare?: unknown } | undefined;
    let hook: ((signal: AbortSignal) => unknown) | undefined;
    if (definition?.prepare !== undefined) hook = (signal) => definition.prepare!(signal);
    else if (typeof ctor?.prepare === 'function') hook = (signal) => (ctor as { prepare(signal: AbortSignal): unknown }).prepare(signal);
    if (hook === undefined) return false;
    const { clock, states } = this.parts;
    withDeadline<unknown>(clock, (abort) => hook(abort.signal), { ms: spec.timeout, onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'prepare') }).catch((error: unknown) =>
      states.warn(spec.index, clock.now(), `prepare() failed: ${describeError(error)}`),
    );
    return true;
  }

  #indexOf(name: string): number {
    if (this.#byName === undefined || this.#byName.size < this.parts.specs.length) this.#byName = new Map(this.parts.specs.map((s) => [s.name, s.index]));
    return this.#byName.get(name) ?? -1;
  }
}
