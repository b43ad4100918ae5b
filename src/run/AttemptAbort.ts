import type { InFlight } from './InFlight.js';

/**
 * The abort side of one attempt, with the AbortController made only when someone reads `signal`.
 * A boot of 100,000 loaders that never look at their signal then allocates no controller and
 * registers no listener; one that does look gets a real, already-aborted-if-needed signal.
 */
export class AttemptAbort {
  /** Links of the {@link InFlight} list this abort is in (owned by that list). */
  inFlightOwner: InFlight | undefined = undefined;
  inFlightPrev: AttemptAbort | undefined = undefined;
  inFlightNext: AttemptAbort | undefined = undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #listener: ((reason: unknown) => void) | undefined;

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
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.(reason);
  }

  /** The one party waiting on this attempt (see withTimeout); called at most once. */
  onAbort(listener: ((reason: unknown) => void) | undefined): void {
    this.#listener = listener;
  }
}
