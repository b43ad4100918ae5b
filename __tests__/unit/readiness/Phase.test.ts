import { describe, expect, it } from '@jest/globals';
import { ErrorCode, PreheatError } from '../../../src/index.js';
import { PhaseMachine, type Phase } from '../../../src/readiness/Phase.js';

type Step = 'boot' | 'criticalReady' | 'ready' | 'fail' | 'stop' | 'stopped';
const steps: Record<Step, Phase> = { boot: 'booting', criticalReady: 'critical-ready', ready: 'ready', fail: 'failed', stop: 'stopping', stopped: 'stopped' };

/** The table of docs/lifecycle.md: from each phase, the phases it may go to. */
const allowed: Record<Phase, readonly Phase[]> = {
  idle: ['booting', 'failed', 'stopping'],
  booting: ['critical-ready', 'failed', 'stopping'],
  'critical-ready': ['ready', 'failed', 'stopping'],
  ready: ['stopping'],
  failed: ['stopping'],
  stopping: ['stopped'],
  stopped: [],
};

/** A machine brought to `phase` along legal steps. */
function at(phase: Phase): PhaseMachine {
  const path: Record<Phase, Step[]> = {
    idle: [],
    booting: ['boot'],
    'critical-ready': ['boot', 'criticalReady'],
    ready: ['boot', 'criticalReady', 'ready'],
    failed: ['fail'],
    stopping: ['stop'],
    stopped: ['stop', 'stopped'],
  };
  const machine = new PhaseMachine();
  for (const step of path[phase]) machine[step]();
  return machine;
}

describe('PhaseMachine', () => {
  describe.each(Object.keys(allowed) as Phase[])('having phase %s', (from) => {
    it.each(Object.keys(steps) as Step[])('when %s is called, should move only along the table', (step) => {
      const machine = at(from);
      const to = steps[step];
      if (allowed[from].includes(to)) {
        machine[step]();
        expect(machine.value).toBe(to);
      } else {
        let thrown: unknown;
        try {
          machine[step]();
        } catch (error) {
          thrown = error;
        }
        expect(PreheatError.is(thrown) && thrown.code).toBe(ErrorCode.Internal);
        expect((thrown as Error).message).toBe(`Internal error: illegal phase transition ${from} → ${to}\n  hint: this is a bug in preheat; please report it with the stack trace.`);
        expect(machine.value).toBe(from);
      }
    });
  });

  it('replays the current phase, emits each change once and completes after stopped', () => {
    const machine = new PhaseMachine();
    const seen: Phase[] = [];
    let completed = false;
    machine.phase$.subscribe({ next: (p) => seen.push(p), complete: () => (completed = true) });
    machine.boot();
    machine.stop();
    expect(completed).toBe(false);
    machine.stopped();
    expect(seen).toEqual(['idle', 'booting', 'stopping', 'stopped']);
    expect(completed).toBe(true);
  });

  it.each<[Phase, boolean, boolean, boolean]>([
    ['idle', false, false, false],
    ['booting', true, false, false],
    ['critical-ready', true, false, true],
    ['ready', false, false, true],
    ['failed', false, false, false],
    ['stopping', false, true, false],
    ['stopped', false, true, false],
  ])('in %s: booting %p, stopping %p, accepting requests %p', (phase, booting, stopping, accepting) => {
    const machine = at(phase);
    expect([machine.booting, machine.stopping, machine.acceptingRequests]).toEqual([booting, stopping, accepting]);
  });
});
