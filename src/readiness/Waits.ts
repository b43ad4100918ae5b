import { filter, firstValueFrom, map, take, type SchedulerLike } from 'rxjs';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority, priorityName } from '../component/Priority.js';
import { checkWaitLimit, isPriority } from '../component/validateOptions.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { Readiness } from './Readiness.js';
import { waitTimeout, type WaitCulprit } from './waitTimeout.js';
import type { WaveQueries } from './WaveQueries.js';

/**
 * Options of the waiting helpers (`whenReady`, `waitFor`, `waitForCritical`).
 *
 * @example
 * ```ts
 * await warmup.waitForCritical({ timeout: 10_000 });
 * ```
 */
export interface WaitOptions {
  /**
   * Give up after this many ms (rejects with ComponentNotReadyError naming what is still not
   * usable). From 0 to 2^31-1; default: wait as long as it takes.
   */
  readonly timeout?: number;
}

/** `whenReady` and `waitFor`: waiting for one component, or for the waves up to a priority. */
export class Waits {
  constructor(
    private readonly specs: readonly ComponentSpec[],
    private readonly readiness: Readiness,
    private readonly waves: WaveQueries,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** Resolves with the instance once usable; rejects if it failed or the timeout passes first. */
  whenReady<T>(index: number, options: WaitOptions): Promise<T> {
    checkWaitLimit('whenReady', 'timeout', options.timeout);
    return firstValueFrom(waitTimeout(this.readiness.ready$<T>(index), options.timeout, this.scheduler, () => this.#culprit(index)));
  }

  /**
   * Resolves when every boot component of that wave and the earlier ones has settled and every
   * required one among them is usable; rejects with its error when one of those failed, and as a
   * cancellation when the container stopped first.
   */
  waitFor(priority: Priority, options: WaitOptions): Promise<void> {
    if (!isPriority(priority) || priority === Priority.DEFERRED) {
      return Promise.reject(
        new InvalidOptionError(
          'waitFor',
          'priority',
          'must be a boot wave: Priority.CRITICAL, HIGH, MEDIUM or LOW',
          priority,
          'DEFERRED components are not in the boot: wait for one with whenReady(id) or load it with getAsync(id).',
        ),
      );
    }
    try {
      checkWaitLimit('waitFor', 'timeout', options.timeout);
    } catch (error) {
      return Promise.reject(error);
    }
    const { phase } = this.readiness;
    const waves$ = this.readiness.settledWave.pipe(
      filter((settled) => settled >= priority),
      take(1),
      map(() => {
        // A shutdown fails what was still loading or queued: that is a cancellation, not a failure.
        if (phase.stopping) return stoppedEarly;
        this.waves.assertUsable(priority);
        return undefined;
      }),
    );
    const limited$ = waitTimeout(waves$, options.timeout, this.scheduler, () => this.#culprit(this.waves.firstUnusable(priority)));
    return firstValueFrom(limited$, { defaultValue: stoppedEarly }).then((value) => {
      if (value === stoppedEarly) throw new BootCancelledError(`the container stopped before the ${priorityName(priority)} wave was usable`);
    });
  }

  #culprit(index: number): WaitCulprit | undefined {
    const spec = this.specs[index];
    return spec === undefined ? undefined : { name: spec.name, status: this.readiness.states.status[index]! };
  }
}

const stoppedEarly = Symbol('stopped early');
