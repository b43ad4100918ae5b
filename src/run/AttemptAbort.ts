import type { InFlightEntry } from './InFlight.js';

/**
 * The abort side of one piece of work, with the AbortController made only when someone reads
 * `signal`. A boot of 100,000 loaders that never look at their signal then allocates no controller
 * and registers no listener; one that does look gets a real, already-aborted-if-needed signal.
 */
export class AttemptAbort implements InFlightEntry {
  /** Links of the InFlight list this abort is in (owned by that list). */
  inFlightOwner: object | undefined = undefined;
  inFlightPrev: InFlightEntry | undefined = undefined;
  inFlightNext: InFlightEntry | undefined = undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#controller?.abort(reason);
  }
}
