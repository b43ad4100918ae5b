import { describe, expect, it } from '@jest/globals';
import type { StepTags, StepWork } from '../../../src/component/WarmupContext.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { AttemptAbort } from '../../../src/run/AttemptAbort.js';
import { AttemptDetail } from '../../../src/run/AttemptDetail.js';
import { runStep, type StepHost } from '../../../src/run/runStep.js';

/** An attempt as runStep sees it: a settable clock, and a detail unless `recorded` is false. */
class Host implements StepHost {
  readonly componentName = 'db';
  readonly abort = new AttemptAbort();
  readonly record: AttemptDetail | undefined;
  /** The `parent` of every step started through the host (the top level and children alike). */
  readonly parents: number[] = [];
  time = 0;
  constructor(recorded = true) {
    this.record = recorded ? new AttemptDetail() : undefined;
  }
  get signal(): AbortSignal {
    return this.abort.signal;
  }
  get aborted(): boolean {
    return this.abort.aborted;
  }
  get reason(): unknown {
    return this.abort.reason;
  }
  now(): number {
    return this.time;
  }
  detail(): AttemptDetail | undefined {
    return this.record;
  }
  step<T>(name: string, fn: StepWork<T>, tags: StepTags | undefined, parent: number): Promise<Awaited<T>> {
    this.parents.push(parent);
    return runStep(this, name, fn, tags, parent);
  }
  extendTimeout(): number {
    return NaN;
  }
}

const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

describe('runStep', () => {
  it('should reject a name that is not a non-empty string without running the work', async () => {
    for (const name of ['', 42, undefined]) {
      const host = new Host();
      let ran = false;
      const { error } = (await settle(host.step(name as string, () => (ran = true), undefined, -1))) as { error: Error };
      expect(error).toMatchObject({ code: ErrorCode.InvalidOption, option: 'step' });
      expect(error.message.split('\n')[0]).toBe(`Option 'step' of 'db' takes a non-empty name; got ${name === '' ? '""' : String(name)}`);
      expect(ran).toBe(false);
      expect(host.record!.seal(0)).toEqual({});
    }
  });

  it('should reject work that is not a function, naming the step', async () => {
    const host = new Host();
    const { error } = (await settle(host.step('connect', 'nope' as never, undefined, -1))) as { error: Error };
    expect(error).toMatchObject({ code: ErrorCode.InvalidOption, option: "step 'connect'" });
    expect(error.message.split('\n')[0]).toBe(`Option 'step 'connect'' of 'db' takes a function to run; got "nope"`);
    expect(host.record!.seal(0)).toEqual({});
  });

  it('should run no step once the attempt is aborted: it rejects with the reason', async () => {
    const host = new Host();
    const reason = new Error('timed out');
    host.abort.abort(reason);
    let ran = false;
    expect(await settle(host.step('late', () => (ran = true), undefined, -1))).toEqual({ error: reason });
    expect(ran).toBe(false);
  });

  it('should record the start, the end and the tags, and nest children under their step', async () => {
    const host = new Host();
    const value = await host.step(
      'outer',
      async (signal, steps) => {
        expect(signal).toBe(host.signal);
        host.time = 5;
        const inner = await steps.step('inner', () => ((host.time = 8), 'in'), { n: 1 });
        host.time = 10;
        return `${inner}!`;
      },
      undefined,
      -1,
    );
    expect(value).toBe('in!');
    expect(host.parents).toEqual([-1, 0]);
    expect(host.record!.seal(99)).toEqual({
      steps: [
        { name: 'outer', startedAt: 0, finishedAt: 10 },
        { name: 'inner', startedAt: 5, finishedAt: 8, parent: 0, tags: { n: 1 } },
      ],
    });
  });

  it('should record what a step threw, synchronously or not, and reject with it', async () => {
    const host = new Host();
    const sync = new Error('sync boom');
    const later = new Error('async boom');
    expect(await settle(host.step('a', () => ((host.time = 3), (() => { throw sync; })()), undefined, -1))).toEqual({ error: sync });
    expect(await settle(host.step('b', () => ((host.time = 7), Promise.reject(later)), undefined, -1))).toEqual({ error: later });
    expect(host.record!.seal(10)).toEqual({
      steps: [
        { name: 'a', startedAt: 0, finishedAt: 3, error: 'sync boom' },
        { name: 'b', startedAt: 3, finishedAt: 7, error: 'async boom' },
      ],
    });
  });

  it('should run steps unrecorded when the attempt keeps no detail, children at the top level', async () => {
    const host = new Host(false);
    const sync = new Error('sync boom');
    const value = await host.step('outer', (_s, steps) => steps.step('inner', () => 2), undefined, -1);
    expect(value).toBe(2);
    expect(host.parents).toEqual([-1, -1]);
    expect(await settle(host.step('thrower', () => { throw sync; }, undefined, -1))).toEqual({ error: sync });
    expect(await settle(host.step('rejecter', () => Promise.reject(sync), undefined, -1))).toEqual({ error: sync });
  });
});
