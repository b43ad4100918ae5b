import type { AttemptAbort } from './AttemptAbort.js';

/**
 * Attempts and health checks in flight, so one cancellation (shutdown, fail-fast, a monitor's stop)
 * reaches them all. An intrusive list through the aborts themselves: adding and removing allocate
 * nothing, which matters when 100,000 loads are in flight at once.
 */
export class InFlight {
  #head: AttemptAbort | undefined;

  add(abort: AttemptAbort): void {
    if (abort.inFlightOwner !== undefined) return;
    abort.inFlightOwner = this;
    abort.inFlightNext = this.#head;
    if (this.#head !== undefined) this.#head.inFlightPrev = abort;
    this.#head = abort;
  }

  delete(abort: AttemptAbort): void {
    if (abort.inFlightOwner !== this) return;
    const { inFlightPrev: prev, inFlightNext: next } = abort;
    if (prev === undefined) this.#head = next;
    else prev.inFlightNext = next;
    if (next !== undefined) next.inFlightPrev = prev;
    abort.inFlightOwner = abort.inFlightPrev = abort.inFlightNext = undefined;
  }

  /** Aborts everything in flight now; what starts while they abort is not reached. */
  abortAll(reason: unknown): void {
    const all: AttemptAbort[] = [];
    for (let at = this.#head; at !== undefined; at = at.inFlightNext) all.push(at);
    for (const abort of all) abort.abort(reason);
  }
}
