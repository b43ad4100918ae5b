import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import { debug } from '../debug.js';
import { InternalError } from '../errors/InternalError.js';

/**
 * Where the whole container is. `idle → booting → critical-ready → ready`, or `failed` when a
 * required component failed; then `stopping → stopped`.
 *
 * @example
 * ```ts
 * warmup.phase$.subscribe((phase) => log.info({ phase }, 'warmup phase'));
 * ```
 */
export type Phase = 'idle' | 'booting' | 'critical-ready' | 'ready' | 'failed' | 'stopping' | 'stopped';

/** Every transition the container may make; anything else is a bug in preheat. */
const transitions: Readonly<Record<Phase, readonly Phase[]>> = {
  idle: ['booting', 'failed', 'stopping'],
  booting: ['critical-ready', 'failed', 'stopping'],
  'critical-ready': ['ready', 'failed', 'stopping'],
  ready: ['stopping'],
  failed: ['stopping'],
  stopping: ['stopped'],
  stopped: [],
};

/**
 * The container's phase as a small state machine: its one owner. Each transition has a name and is
 * checked against the table above; an illegal one throws InternalError (a bug, caught by tests).
 */
export class PhaseMachine {
  readonly #phase = new BehaviorSubject<Phase>('idle');
  /** Replays the current phase, then each change; completes after `stopped`. */
  readonly phase$: Observable<Phase> = this.#phase.pipe(distinctUntilChanged());

  get value(): Phase {
    return this.#phase.value;
  }

  /** True from `stopping` on: the container is shutting down or has shut down. */
  get stopping(): boolean {
    const phase = this.#phase.value;
    return phase === 'stopping' || phase === 'stopped';
  }

  /** True in `critical-ready` and `ready`: the CRITICAL wave is usable and no shutdown began. */
  get acceptingRequests(): boolean {
    const phase = this.#phase.value;
    return phase === 'critical-ready' || phase === 'ready';
  }

  /** True while a boot is under way (`booting` or `critical-ready`). */
  get booting(): boolean {
    const phase = this.#phase.value;
    return phase === 'booting' || phase === 'critical-ready';
  }

  /** idle → booting: the graph is planned and the waves start. */
  boot(): void {
    this.#go('booting');
  }

  /** booting → critical-ready: the CRITICAL wave settled with every required member usable. */
  criticalReady(): void {
    this.#go('critical-ready');
  }

  /** → ready: the boot finished and every required component is usable. */
  ready(): void {
    this.#go('ready');
  }

  /** → failed: the plan threw, a required component failed, or fail-fast stopped the boot. */
  fail(): void {
    this.#go('failed');
  }

  /** → stopping: `shutdown()` began. Once only. */
  stop(): void {
    this.#go('stopping');
  }

  /** stopping → stopped: every hook is done; the stream completes. */
  stopped(): void {
    this.#go('stopped');
    this.#phase.complete();
  }

  #go(to: Phase): void {
    const from = this.#phase.value;
    if (!transitions[from].includes(to)) throw new InternalError(`illegal phase transition ${from} → ${to}`);
    debug('phase %s → %s', from, to);
    this.#phase.next(to);
  }
}
