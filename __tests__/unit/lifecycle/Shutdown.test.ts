import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { asyncScheduler } from 'rxjs';
import { Warmup } from '../../../src/index.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import { Shutdown } from '../../../src/lifecycle/Shutdown.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { PhaseMachine } from '../../../src/readiness/Phase.js';
import { Readiness } from '../../../src/readiness/Readiness.js';
import { clockFrom } from '../../../src/run/Clock.js';

/** A Shutdown over no components, with collaborators that do nothing. */
function emptyShutdown(): { shutdown: Shutdown; phase: PhaseMachine } {
  const states = new ComponentStates([]);
  const phase = new PhaseMachine();
  const shutdown = new Shutdown({
    specs: [],
    states,
    readiness: new Readiness(states, [], phase),
    plan: { graph: undefined },
    work: { cancel: () => undefined, whenSettled: () => Promise.resolve() },
    monitors: { stopAll: () => undefined },
    bindings: { release: () => undefined },
    clock: clockFrom(asyncScheduler),
    shutdownTimeout: 1_000,
  });
  return { shutdown, phase };
}

describe('Shutdown', () => {
  it('should say it started only once start() was called, and keep saying it after the shutdown is over', async () => {
    const { shutdown, phase } = emptyShutdown();
    expect(shutdown.started).toBe(false);
    const running = shutdown.start();
    expect(shutdown.started).toBe(true);
    expect(shutdown.start()).toBe(running);
    await running;
    expect(phase.value).toBe('stopped');
    expect(shutdown.started).toBe(true);
  });

  it("should refuse bad options in the name of 'shutdown', and start nothing", async () => {
    const warmup = new Warmup(new Container());
    const call = (options: object) => Promise.resolve().then(() => warmup.shutdown(options));
    await expect(call({ drainMs: -1 })).rejects.toThrow("Option 'drainMs' of 'shutdown' must be a number of ms");
    await expect(call({ beforeStop: 'close' })).rejects.toBeInstanceOf(InvalidOptionError);
    expect(warmup.phase).toBe('idle');
    await warmup.shutdown();
    expect(warmup.phase).toBe('stopped');
  });
});
