import { describe, expect, it } from '@jest/globals';
import { VirtualTimeScheduler } from 'rxjs';
import { AttemptAbort } from '../../../src/run/AttemptAbort.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { DetachedAttempt } from '../../../src/run/DetachedAttempt.js';

const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

function detached(): { attempt: DetachedAttempt; abort: AttemptAbort; scheduler: VirtualTimeScheduler } {
  const abort = new AttemptAbort();
  const scheduler = new VirtualTimeScheduler();
  return { attempt: new DetachedAttempt(abort, 'db', clockFrom(scheduler)), abort, scheduler };
}

describe('DetachedAttempt', () => {
  it("should hand out its abort's signal, state and reason", () => {
    const { attempt, abort } = detached();
    expect(attempt.signal).toBe(abort.signal);
    expect(attempt.aborted).toBe(false);
    expect(attempt.reason).toBeUndefined();
    const reason = new Error('stop');
    abort.abort(reason);
    expect(attempt.aborted).toBe(true);
    expect(attempt.reason).toBe(reason);
    expect(attempt.signal.aborted).toBe(true);
  });

  it("should read the Warmup's clock", () => {
    const { attempt, scheduler } = detached();
    scheduler.schedule(() => undefined, 25);
    scheduler.flush();
    expect(attempt.now()).toBe(25);
  });

  it('should run steps, children too, with its signal, recording nothing and moving no deadline', async () => {
    const { attempt } = detached();
    expect(attempt.detail()).toBeUndefined();
    const value = await attempt.step('outer', (signal, steps) => steps.step('inner', (s) => [signal === attempt.signal, s === attempt.signal]), undefined, -1);
    expect(value).toEqual([true, true]);
    expect(attempt.extendTimeout()).toBeNaN();
  });

  it('should run no step once aborted: it rejects with the reason', async () => {
    const { attempt, abort } = detached();
    const reason = new Error('shutdown');
    abort.abort(reason);
    let ran = false;
    expect(await settle(attempt.step('late', () => (ran = true), undefined, -1))).toEqual({ error: reason });
    expect(ran).toBe(false);
  });

  it('should reject with what a step throws synchronously', async () => {
    const { attempt } = detached();
    const thrown = new Error('boom');
    expect(await settle(attempt.step('bad', () => { throw thrown; }, undefined, -1))).toEqual({ error: thrown });
  });
});
