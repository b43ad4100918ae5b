import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { Priority } from '../../../src/component/Priority.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { BootCancelledError } from '../../../src/errors/BootCancelledError.js';
import { ComponentSkippedError } from '../../../src/errors/ComponentSkippedError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import type { BootProgress } from '../../../src/readiness/BootProgress.js';
import { ComponentNotReadyError } from '../../../src/readiness/ComponentNotReadyError.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { PhaseMachine } from '../../../src/readiness/Phase.js';
import { Readiness, type BootWaves } from '../../../src/readiness/Readiness.js';
import { Waits } from '../../../src/readiness/Waits.js';
import { WaveQueries } from '../../../src/readiness/WaveQueries.js';

function setup(definitions: ComponentDefinition[], effective?: Priority[]) {
  const specs = definitions.map((d, i) => toComponentSpec(d, i));
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  const phase = new PhaseMachine();
  const readiness = new Readiness(states, specs, phase);
  const plan = { effective: effective === undefined ? undefined : Uint8Array.from(effective) };
  const waves = new WaveQueries(specs, states, plan);
  const waits = new Waits(specs, readiness, waves, asyncScheduler);
  return { specs, states, phase, readiness, plan, waves, waits };
}

const def = (token: string, priority: Priority, extra: Partial<ComponentDefinition> = {}): ComponentDefinition => ({ token, priority, load: () => token, ...extra });

/** Waves as counted by the caller: remaining members per priority. */
function wavesOf(remaining: number[], criticalUsable = true): BootWaves {
  return { remaining: (p) => remaining[p] ?? 0, criticalUsable: () => criticalUsable };
}

describe('Readiness', () => {
  describe('progress$', () => {
    it('should replay a snapshot, then count each settle by outcome, with the wave and percent', async () => {
      const { readiness, states } = setup([def('a', Priority.CRITICAL), def('b', Priority.CRITICAL), def('c', Priority.HIGH), def('d', Priority.HIGH)]);
      const seen: BootProgress[] = [];
      const sub = readiness.progress$.subscribe((p) => seen.push(p));
      readiness.startBoot(4, 'waves');
      readiness.enterWave(Priority.CRITICAL, 'waves');
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      readiness.settled(0);
      states.settle(1, ComponentStatus.Degraded, 1, 'B', new Error('meh'), 1);
      readiness.settled(1);
      states.settle(2, ComponentStatus.Failed, 1, undefined, new Error('no'), 1);
      readiness.settled(2);
      sub.unsubscribe();
      expect(seen[0]).toEqual({ total: 0, settled: 0, ready: 0, degraded: 0, failed: 0, wave: -1, waveName: 'idle', percent: 100 });
      expect(seen.slice(1)).toEqual([
        { total: 4, settled: 0, ready: 0, degraded: 0, failed: 0, wave: 0, waveName: 'CRITICAL', percent: 0 },
        { total: 4, settled: 1, ready: 1, degraded: 0, failed: 0, wave: 0, waveName: 'CRITICAL', percent: 25 },
        { total: 4, settled: 2, ready: 1, degraded: 1, failed: 0, wave: 0, waveName: 'CRITICAL', percent: 50 },
        { total: 4, settled: 3, ready: 1, degraded: 1, failed: 1, wave: 0, waveName: 'CRITICAL', percent: 75 },
      ]);
    });

    it('should name the wave "idle" between the start of a boot in waves and its first wave', async () => {
      const { readiness } = setup([def('a', Priority.HIGH)]);
      readiness.startBoot(1, 'waves');
      expect(await firstValueFrom(readiness.progress$)).toEqual({ total: 1, settled: 0, ready: 0, degraded: 0, failed: 0, wave: -1, waveName: 'idle', percent: 0 });
    });

    it('should name the wave "eager" under eager scheduling', async () => {
      const { readiness } = setup([def('a', Priority.HIGH)]);
      readiness.startBoot(1, 'eager');
      readiness.enterWave(Priority.HIGH, 'eager');
      expect((await firstValueFrom(readiness.progress$)).waveName).toBe('eager');
    });

    it('should complete with the wave stream', async () => {
      const { readiness } = setup([def('a', Priority.HIGH)]);
      const all = lastValueFrom(readiness.progress$.pipe(toArray()));
      readiness.complete();
      expect(await all).toHaveLength(1);
      expect(readiness.settledWave.closed || readiness.settledWave.isStopped).toBe(true);
    });
  });

  describe('advanceWaves', () => {
    it('should move past every wave with nothing left, and make the phase critical-ready once CRITICAL settled usable', () => {
      const { readiness, phase } = setup([def('a', Priority.HIGH)]);
      readiness.startBoot(3, 'waves');
      readiness.advanceWaves(wavesOf([1, 1, 0, 0]));
      expect(readiness.settledWave.value).toBe(-1);
      expect(phase.value).toBe('booting');
      readiness.advanceWaves(wavesOf([0, 1, 0, 0]));
      expect(readiness.settledWave.value).toBe(Priority.CRITICAL);
      expect(phase.value).toBe('critical-ready');
      readiness.advanceWaves(wavesOf([0, 0, 0, 0]));
      expect(readiness.settledWave.value).toBe(Priority.LOW); // MEDIUM and LOW were empty
    });

    it('should tell nothing again when no further wave has settled', () => {
      const { readiness } = setup([def('a', Priority.HIGH)]);
      readiness.startBoot(2, 'waves');
      const waves: number[] = [];
      const progress: BootProgress[] = [];
      readiness.settledWave.subscribe((w) => waves.push(w));
      readiness.progress$.subscribe((p) => progress.push(p));
      readiness.advanceWaves(wavesOf([0, 1, 0, 0]));
      readiness.advanceWaves(wavesOf([0, 1, 0, 0]));
      expect(waves).toEqual([-1, Priority.CRITICAL]);
      expect(progress).toHaveLength(2); // the replay, then the CRITICAL wave settling
    });

    it('should not make the phase critical-ready when a required CRITICAL member is unusable', () => {
      const { readiness, phase } = setup([def('a', Priority.HIGH)]);
      readiness.startBoot(1, 'waves');
      readiness.advanceWaves(wavesOf([0, 0, 0, 0], false));
      expect(readiness.settledWave.value).toBe(Priority.LOW);
      expect(phase.value).toBe('booting');
    });
  });

  describe('status$ and ready$', () => {
    it('status$ should replay the status, then each distinct change, and complete when the states close', async () => {
      const { readiness, states } = setup([def('a', Priority.HIGH)]);
      const all = lastValueFrom(readiness.status$(0).pipe(toArray()));
      states.start(0, 1);
      states.settle(0, ComponentStatus.Ready, 2, 'A', undefined, 1);
      states.degrade(0, new Error('x'), 3);
      states.complete();
      expect(await all).toEqual([ComponentStatus.Pending, ComponentStatus.Loading, ComponentStatus.Ready, ComponentStatus.Degraded]);
    });

    it('status$ should not repeat a status to a subscriber that joined while that change was being told', () => {
      const { readiness, states } = setup([def('a', Priority.HIGH)]);
      const outer: ComponentStatus[] = [];
      const inner: ComponentStatus[] = [];
      let joined = false;
      readiness.status$(0).subscribe((s) => {
        outer.push(s);
        if (s === ComponentStatus.Loading && !joined) {
          joined = true;
          readiness.status$(0).subscribe((t) => inner.push(t));
        }
      });
      states.start(0, 1);
      states.settle(0, ComponentStatus.Ready, 2, 'A', undefined, 1);
      expect(outer).toEqual([ComponentStatus.Pending, ComponentStatus.Loading, ComponentStatus.Ready]);
      expect(inner).toEqual([ComponentStatus.Loading, ComponentStatus.Ready]);
    });

    it('ready$ should error with ComponentSkippedError giving the reason for a skipped component', async () => {
      const { readiness, states } = setup([def('a', Priority.HIGH)]);
      const a = firstValueFrom(readiness.ready$(0));
      states.skip(0, 1, "its 'enabled' option is false");
      const error = await a.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ComponentSkippedError);
      expect(error).toMatchObject({ code: ErrorCode.ComponentSkipped, component: 'a', reason: "its 'enabled' option is false" });
      expect((error as Error).message).toMatch(/^Component 'a' is skipped: its 'enabled' option is false/);
    });

    it('ready$ should say a stopped component was stopped', async () => {
      const { readiness, states } = setup([def('a', Priority.HIGH)]);
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      states.stop(0, 2);
      const error = await firstValueFrom(readiness.ready$(0)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.NotReady, component: 'a', status: ComponentStatus.Stopped, hint: 'the component was stopped.' });
    });

    it('ready$ should emit the instance once usable, or error with the failure, or a not-ready error once stopped', async () => {
      const { readiness, states } = setup([def('a', Priority.HIGH), def('b', Priority.HIGH), def('c', Priority.HIGH)]);
      const a = firstValueFrom(readiness.ready$(0));
      const b = firstValueFrom(readiness.ready$(1));
      const error = new Error('b failed');
      states.settle(0, ComponentStatus.Degraded, 1, 'A', new Error('meh'), 1);
      states.settle(1, ComponentStatus.Failed, 1, undefined, error, 1);
      expect(await a).toBe('A');
      await expect(b).rejects.toBe(error);
      states.settle(2, ComponentStatus.Ready, 1, 'C', undefined, 1);
      states.stop(2, 2);
      await expect(firstValueFrom(readiness.ready$(2))).rejects.toMatchObject({ code: ErrorCode.NotReady, component: 'c', status: ComponentStatus.Stopped });
    });
  });
});

describe('WaveQueries', () => {
  it('should answer nothing unusable before the plan exists', () => {
    const { waves, states } = setup([def('a', Priority.CRITICAL)]);
    states.settle(0, ComponentStatus.Failed, 1, undefined, new Error('x'));
    expect(waves.requiredUnusable(Priority.LOW)).toBe(-1);
    expect(() => waves.assertUsable(Priority.LOW)).not.toThrow();
    expect(waves.firstUnusable(Priority.CRITICAL)).toBe(0); // by its own priority
  });

  it('should find a required unusable component of the waves up to a priority, by effective priority, preferring a root failure to a cancellation', () => {
    const { waves, states } = setup(
      [def('opt', Priority.CRITICAL, { required: false }), def('cancelled', Priority.CRITICAL), def('root', Priority.HIGH), def('late', Priority.LOW)],
      [Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL, Priority.LOW], // root was pulled into CRITICAL
    );
    states.settle(0, ComponentStatus.Failed, 1, undefined, new Error('optional'));
    states.settle(1, ComponentStatus.Failed, 1, undefined, new BootCancelledError('fail-fast'));
    states.settle(2, ComponentStatus.Ready, 1, 'R', undefined, 1);
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(1); // the optional one does not count
    const rootError = new Error('root cause');
    states.settle(2, ComponentStatus.Failed, 1, undefined, rootError);
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(2);
    expect(() => waves.assertUsable(Priority.CRITICAL)).toThrow(ComponentNotReadyError);
    try {
      waves.assertUsable(Priority.CRITICAL);
    } catch (error) {
      expect(error).toMatchObject({ component: 'root', status: ComponentStatus.Failed, cause: rootError });
      expect((error as ComponentNotReadyError).hint).toMatch(/required component of the CRITICAL wave/);
    }
    expect(waves.firstUnusable(Priority.CRITICAL)).toBe(0);
    expect(waves.firstUnusable(Priority.LOW)).toBe(0);
  });

  it('should not count a usable one or one of a later wave', () => {
    const { waves, states } = setup([def('a', Priority.CRITICAL), def('b', Priority.HIGH)], [Priority.CRITICAL, Priority.HIGH]);
    states.settle(0, ComponentStatus.Degraded, 1, 'A', new Error('meh'), 1);
    expect(waves.requiredUnusable(Priority.LOW)).toBe(1); // b is still pending
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(-1);
    expect(waves.firstUnusable(Priority.CRITICAL)).toBe(-1);
    expect(waves.firstUnusable(Priority.HIGH)).toBe(1);
  });
});

describe('Waits', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('whenReady should resolve with the instance, or reject at its timeout naming the component and its status', async () => {
    const { waits, states } = setup([def('a', Priority.HIGH), def('b', Priority.HIGH)]);
    const a = waits.whenReady(0, {});
    const b = waits.whenReady(1, { timeout: 100 }).catch((e: unknown) => e);
    states.start(1, 0);
    await jest.advanceTimersByTimeAsync(99);
    states.settle(0, ComponentStatus.Ready, 99, 'A', undefined, 1);
    expect(await a).toBe('A');
    await jest.advanceTimersByTimeAsync(1);
    expect(await b).toMatchObject({ code: ErrorCode.NotReady, component: 'b', status: ComponentStatus.Loading });
    expect((await b as ComponentNotReadyError).hint).toMatch(/still not usable after 100 ms/);
  });

  it('whenReady should refuse a bad timeout at once', () => {
    const { waits } = setup([def('a', Priority.HIGH)]);
    expect(() => waits.whenReady(0, { timeout: -1 })).toThrow(InvalidOptionError);
  });

  it('waitFor should resolve once the waves up to the priority settled usable', async () => {
    const { waits, readiness, states } = setup([def('a', Priority.CRITICAL), def('b', Priority.HIGH)], [Priority.CRITICAL, Priority.HIGH]);
    readiness.startBoot(2, 'waves');
    let done = false;
    void waits.waitFor(Priority.CRITICAL, {}).then(() => (done = true));
    states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
    readiness.advanceWaves(wavesOf([0, 1]));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('waitFor should reject with the failure of a required member', async () => {
    const { waits, readiness, states } = setup([def('a', Priority.CRITICAL)], [Priority.CRITICAL]);
    readiness.startBoot(1, 'waves');
    const waiting = waits.waitFor(Priority.HIGH, {}).catch((e: unknown) => e);
    const cause = new Error('down');
    states.settle(0, ComponentStatus.Failed, 1, undefined, cause);
    readiness.advanceWaves(wavesOf([0, 0, 0, 0], false));
    expect(await waiting).toMatchObject({ code: ErrorCode.NotReady, component: 'a', cause });
  });

  it('waitFor should reject as a cancellation when the container stops first, settled or not', async () => {
    const { waits, readiness, phase } = setup([def('a', Priority.CRITICAL)], [Priority.CRITICAL]);
    readiness.startBoot(1, 'waves');
    const waiting = waits.waitFor(Priority.CRITICAL, {}).catch((e: unknown) => e);
    const never = waits.waitFor(Priority.LOW, {}).catch((e: unknown) => e);
    phase.stop();
    readiness.advanceWaves(wavesOf([0, 1]));
    expect(await waiting).toBeInstanceOf(BootCancelledError);
    expect((await waiting as Error).message).toMatch(/before the CRITICAL wave was usable/);
    readiness.complete();
    expect(await never).toBeInstanceOf(BootCancelledError);
    expect((await never as Error).message).toMatch(/before the LOW wave was usable/);
  });

  it('waitFor should name the first unusable component of those waves at its timeout', async () => {
    const { waits, readiness, states } = setup([def('a', Priority.CRITICAL), def('b', Priority.HIGH), def('c', Priority.HIGH)], [Priority.CRITICAL, Priority.HIGH, Priority.HIGH]);
    readiness.startBoot(3, 'waves');
    states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
    states.start(1, 0);
    states.settle(1, ComponentStatus.Ready, 1, 'B', undefined, 1);
    states.start(2, 0);
    const waiting = waits.waitFor(Priority.HIGH, { timeout: 50 }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(50);
    expect(await waiting).toMatchObject({ code: ErrorCode.NotReady, component: 'c', status: ComponentStatus.Loading });
  });

  it('waitFor should refuse DEFERRED, a non-priority and a bad timeout, as rejections', async () => {
    const { waits } = setup([def('a', Priority.CRITICAL)]);
    await expect(waits.waitFor(Priority.DEFERRED, {})).rejects.toMatchObject({ code: ErrorCode.InvalidOption });
    await expect(waits.waitFor(7 as Priority, {})).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(waits.waitFor(Priority.HIGH, { timeout: Number.NaN })).rejects.toBeInstanceOf(InvalidOptionError);
  });
});
