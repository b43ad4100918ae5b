import { Observable } from 'rxjs';
import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { CheckOutcome, HealthEvaluation } from '../run/checkHealth.js';
import { modeOf, type OperatingMode } from './OperatingMode.js';

/** The last health result of one component: what probes and `warmup.health()` answer from. */
export interface HealthRecord {
  /** The instance it was taken on: a result of another instance (a retry, a restart) does not count. */
  readonly instance: unknown;
  readonly score: number;
  /** The mode the score put the component in, with hysteresis from the previous result. */
  readonly mode: OperatingMode;
  readonly checkedAt: number;
  readonly latencyMs: number;
  readonly checks: readonly CheckOutcome[];
}

/**
 * The cache of health results: the last result of every component (from the boot's checks and the
 * runtime monitor's), whether a check is running, and each component's operating mode. The only
 * writer of them. Readers never wait: a result is read as it is, with its age, while a new check may
 * be running.
 */
export class HealthRecords {
  readonly #specs: readonly ComponentSpec[];
  readonly #states: ComponentStates;
  /** By component index (sparse arrays, not Maps: a boot of 100,000 checked components writes each once). */
  readonly #records: (HealthRecord | undefined)[] = [];
  /** Checks running, by component (the boot's and every monitor's). */
  readonly #running: number[] = [];
  /** `mode$` subscribers, by component: told when a result arrives. */
  readonly #watchers = new Map<number, Set<() => void>>();

  constructor(specs: readonly ComponentSpec[], states: ComponentStates) {
    this.#specs = specs;
    this.#states = states;
  }

  /** A check of the component starts. */
  begin(index: number): void {
    this.#running[index] = (this.#running[index] ?? 0) + 1;
  }

  /**
   * A check ends with this evaluation, taken on `instance`: it becomes the component's result, and
   * its mode is returned. Hysteresis applies from the previous result of the same instance only:
   * a new instance starts from the plain thresholds.
   */
  record(index: number, instance: unknown, evaluation: HealthEvaluation, at: number): OperatingMode {
    this.#end(index);
    const { modes, hysteresis } = this.#specs[index]!.health;
    const previous = this.#records[index];
    const mode = modeOf(evaluation.score, modes, hysteresis, previous !== undefined && previous.instance === instance ? previous.mode : undefined);
    this.#records[index] = { instance, score: evaluation.score, mode, checkedAt: at, latencyMs: evaluation.latencyMs, checks: evaluation.checks };
    if (this.#watchers.size > 0) {
      const watchers = this.#watchers.get(index);
      if (watchers !== undefined) for (const watcher of [...watchers]) watcher();
    }
    return mode;
  }

  /** A check ends without a result (cancelled). */
  cancel(index: number): void {
    this.#end(index);
  }

  /** The last result of the component's current instance, or undefined. */
  last(index: number): HealthRecord | undefined {
    const record = this.#records[index];
    return record !== undefined && record.instance === this.#states.instance[index] ? record : undefined;
  }

  /** True while a check of the component runs. */
  checking(index: number): boolean {
    return (this.#running[index] ?? 0) > 0;
  }

  /**
   * The operating mode now: `'offline'` unless the component is usable (Ready or Degraded); then the
   * mode of its last result, or `'full'` when it has none (no check, or not checked yet).
   */
  mode(index: number): OperatingMode {
    if (!isUsable(this.#states.status[index]!)) return 'offline';
    return this.last(index)?.mode ?? 'full';
  }

  /** The mode now, then each change (distinct); completes when the states close (shutdown). */
  mode$(index: number): Observable<OperatingMode> {
    return new Observable<OperatingMode>((subscriber) => {
      let last = this.mode(index);
      subscriber.next(last);
      const update = (): void => {
        const mode = this.mode(index);
        if (mode === last) return;
        last = mode;
        subscriber.next(mode);
      };
      let set = this.#watchers.get(index);
      if (set === undefined) this.#watchers.set(index, (set = new Set()));
      set.add(update);
      const unwatch = this.#states.watch(index, { next: update, complete: () => subscriber.complete() });
      return () => {
        unwatch();
        const current = this.#watchers.get(index);
        if (current?.delete(update) === true && current.size === 0) this.#watchers.delete(index);
      };
    });
  }

  #end(index: number): void {
    this.#running[index] = Math.max(0, (this.#running[index] ?? 1) - 1);
  }
}
