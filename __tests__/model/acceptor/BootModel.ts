import { ComponentStatus } from '../../../src/index.js';
import type { Logged } from '../RunLog.js';
import { idleProblem } from './dispatchRules.js';
import { ModelState } from './ModelState.js';
import { attempt, load, settled, warmup } from './onAttempt.js';
import { bootCall, bootEnd, progressValue } from './onBoot.js';
import { getAsyncCall, getAsyncEnd } from './onGetAsync.js';
import { phase, snapshot } from './onPhase.js';
import { report } from './onReport.js';
import { status } from './onSettle.js';
import { checkShutdownOrder, containerGet, dispose, shutdownCall } from './onShutdown.js';
import { warning } from './onStart.js';

/**
 * An independent model of the documented boot semantics, run as an acceptor over the log of a real
 * run: every entry must be one the model expects at that virtual time (an attempt's end, a status
 * change, a disposal…) or a choice the docs leave to preheat that obeys the scheduling rules (a
 * start). Everything the model expects must show up. Ties within one virtual ms are resolved by the
 * order the run took, since the model reads the entries in that order.
 */
export class BootModel extends ModelState {
  /** Reads one log entry. */
  consume(e: Logged): void {
    if (e.t > this.now) {
      this.#quiet(e.t);
      this.now = e.t;
    }
    this.entry = e;
    this.#read(e);
    // The boot's report is built at one moment between the last boot member's settle and the phase
    // ready / failed: keep how it would read after each entry of that window (ModelState.snapshots).
    if (this.snapshots.length > 0 && !this.outcomePhaseSeen) snapshot(this, e.pos);
  }

  #read(e: Logged): void {
    switch (e.k) {
      case 'boot-call':
        return bootCall(this, e);
      case 'status':
        return status(this, e);
      case 'load':
        return load(this, e);
      case 'warmup':
        return warmup(this, e);
      case 'settled':
        return settled(this, e);
      case 'health':
        if (!this.expect.take('health', (x) => x.c === e.c && x.n === e.n) && this.cancel === undefined) this.fail('unexpected', `health check of ${e.id} was not expected now`);
        return;
      case 'attempt':
        return attempt(this, e);
      case 'warning':
        return warning(this, e);
      case 'dispose':
        return dispose(this, e);
      case 'phase':
        return phase(this, e);
      case 'get-async-call':
        this.#quiet(e.t + 1); // the test acts once everything due at this ms has run
        return getAsyncCall(this, e);
      case 'get-async-end':
        return getAsyncEnd(this, e);
      case 'shutdown-call':
        this.#quiet(e.t + 1);
        return shutdownCall(this, e);
      case 'shutdown-end':
        this.shutdownEnds++;
        if (!this.stoppedSeen) this.fail('shutdown', 'shutdown() resolved before the phase became stopped');
        return;
      case 'boot-end':
        return bootEnd(this, e);
      case 'container-get':
        return containerGet(this, e);
      case 'unhandled':
        return this.fail('unhandled', `unhandled rejection: ${e.reason}`);
      case 'progress':
        return progressValue(this, e);
      case 'report':
        return report(this, e);
      case 'report-drift':
        // The lead's rule: a report (boot(), BootError.report, warmup.report()) is a snapshot.
        return this.fail('report-mutated', `a report changed after it was given: ${e.detail}`);
    }
  }

  /** After the last entry: what never came, and what must hold at the very end. */
  finish(end: number, bootBound: number): void {
    this.entry = undefined;
    this.#quiet(end + 1);
    for (const left of this.expect.overdue(Infinity)) this.fail('missing', `never happened: ${left.what}`);
    for (const p of this.phases) this.fail('missing', `phase ${p.phase} (due at ${p.at}) never came`);
    if (!this.bootEndSeen) this.fail('hang-boot', `boot() had not settled by ${bootBound} ms (the bound for this scenario)`);
    if (!this.stoppedSeen || this.shutdownEnds < this.shutdownCalls) this.fail('hang-shutdown', `shutdown() had not settled by ${end} ms`);
    for (const x of this.comps) {
      if (x.status !== ComponentStatus.Stopped && x.status !== ComponentStatus.Failed) this.fail('final-status', `${x.name} ends ${x.status}, not stopped or failed`);
    }
    for (const [id, d] of this.disposed) if (d.count > 1) this.fail('dispose', `${id} was disposed ${d.count} times`);
    checkShutdownOrder(this);
  }

  /** Nothing more happens at this ms: what was due must have happened, and no slot may idle. */
  #quiet(next: number): void {
    for (const late of this.expect.overdue(next)) this.fail('missing', `expected by ${late.hi} ms: ${late.what}`);
    while (this.phases.length > 0 && this.phases[0]!.at < next) this.fail('missing', `phase ${this.phases.shift()!.phase} (due at ${this.now}) did not come`);
    if (this.cancel === undefined) {
      const idle = idleProblem(this);
      if (idle !== undefined) this.fail('idle', `at ${this.now} ms: ${idle}`);
    }
  }
}
