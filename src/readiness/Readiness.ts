import { BehaviorSubject, concat, defer, filter, map, Observable, of, Subject, take } from 'rxjs';
import { ComponentStatus, isSettled, isUsable } from '../component/ComponentStatus.js';
import { Priority, priorityName } from '../component/Priority.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentNotReadyError } from './ComponentNotReadyError.js';
import { ComponentSkippedError } from '../errors/ComponentSkippedError.js';
import type { BootProgress } from './BootProgress.js';
import type { ComponentStates } from './ComponentStates.js';
import type { PhaseMachine } from './Phase.js';

/** What {@link Readiness.advanceWaves} asks about the boot's waves. */
export interface BootWaves {
  /** Unsettled boot members of the wave of `priority`. */
  remaining(priority: Priority): number;
  /** Every required member of the CRITICAL wave is usable. */
  criticalUsable(): boolean;
}

/**
 * Readiness as observables: per-component status and instance streams, boot progress, and how far
 * the waves have settled (which moves the phase to `critical-ready`). Derived from
 * {@link ComponentStates}; it holds no per-component subject, so watching costs nothing until
 * someone subscribes.
 */
export class Readiness {
  /** The most urgent-first prefix of waves that has settled: -1 none, 0 CRITICAL, … 3 LOW. */
  readonly settledWave = new BehaviorSubject<number>(-1);
  readonly #progress = new Subject<BootProgress>();
  #total = 0;
  #settled = 0;
  #ready = 0;
  #degraded = 0;
  #failed = 0;
  #wave = -1;
  #waveName = 'idle';

  constructor(
    readonly states: ComponentStates,
    private readonly specs: readonly ComponentSpec[],
    readonly phase: PhaseMachine,
  ) {}

  /** Progress: replays the current value, then emits after each settle and at wave boundaries. */
  readonly progress$: Observable<BootProgress> = defer(() => concat(of(this.#snapshot()), this.#progress));

  /** The boot starts with `total` members: phase `booting`. */
  startBoot(total: number, schedule: 'waves' | 'eager'): void {
    this.#total = total;
    this.#waveName = schedule === 'eager' ? 'eager' : 'idle';
    this.phase.boot();
  }

  enterWave(priority: Priority, schedule: 'waves' | 'eager'): void {
    this.#wave = priority;
    if (schedule === 'waves') this.#waveName = priorityName(priority);
    this.#emitProgress();
  }

  /** Counts one settled boot component. */
  settled(index: number): void {
    const status = this.states.status[index]!;
    this.#settled++;
    if (status === ComponentStatus.Ready) this.#ready++;
    else if (status === ComponentStatus.Degraded) this.#degraded++;
    else this.#failed++;
    this.#emitProgress();
  }

  /**
   * Moves `settledWave` past every wave whose boot members have all settled; the phase becomes
   * `critical-ready` once the CRITICAL wave has settled with every required member usable.
   */
  advanceWaves(waves: BootWaves): void {
    let settled = this.settledWave.value;
    while (settled < Priority.LOW && waves.remaining(settled + 1) === 0) settled++;
    if (settled <= this.settledWave.value) return;
    this.settledWave.next(settled);
    if (settled >= Priority.CRITICAL && this.phase.value === 'booting' && waves.criticalUsable()) this.phase.criticalReady();
    this.#emitProgress();
  }

  /** Completes the progress and wave streams (after shutdown). */
  complete(): void {
    this.#progress.complete();
    this.settledWave.complete();
  }

  /**
   * Replays the current status, then each change, without repeats; completes when the states close
   * at shutdown. Each subscriber watches its own component only (no scan of every event), and
   * watching does not turn on `events$` for everyone.
   */
  status$(index: number): Observable<ComponentStatus> {
    const { states } = this;
    return new Observable<ComponentStatus>((subscriber) => {
      let last = states.status[index]!;
      subscriber.next(last);
      return states.watch(index, {
        next: (status) => {
          if (status === last) return;
          last = status;
          subscriber.next(status);
        },
        complete: () => subscriber.complete(),
      });
    });
  }

  /** Emits the instance once usable and completes; errors with the component's error if it failed. */
  ready$<T>(index: number): Observable<T> {
    const { states } = this;
    return this.status$(index).pipe(
      filter((status) => isSettled(status)),
      take(1),
      map((status) => {
        if (isUsable(status)) return states.instance[index] as T;
        if (status === ComponentStatus.Skipped) throw new ComponentSkippedError(this.specs[index]!.name, states.skipReason(index) ?? 'it is disabled');
        throw states.error[index] ?? new ComponentNotReadyError(this.specs[index]!.name, status, 'the component was stopped.');
      }),
    );
  }

  #snapshot(): BootProgress {
    const total = this.#total;
    return {
      total,
      settled: this.#settled,
      ready: this.#ready,
      degraded: this.#degraded,
      failed: this.#failed,
      wave: this.#wave,
      waveName: this.#waveName,
      percent: total === 0 ? 100 : (this.#settled / total) * 100,
    };
  }

  #emitProgress(): void {
    if (this.#progress.observed) this.#progress.next(this.#snapshot());
  }
}
