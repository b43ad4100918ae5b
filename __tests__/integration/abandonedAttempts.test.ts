import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Warmup, type ComponentEvent } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('an attempt abandoned while its work still runs', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const warnings = (warmup: Warmup): string[] => {
    const seen: string[] = [];
    warmup.events$.subscribe((e: ComponentEvent) => e.type === 'warning' && seen.push(`${e.name}: ${e.message!}`));
    return seen;
  };

  it('is said (event and record) when its loader ignores its signal, and again when it finally settles', async () => {
    const disposed: unknown[] = [];
    const warmup = new Warmup(new Container()).register({
      token: 'stubborn',
      timeout: 100,
      required: false,
      load: () => sleep(1_000).then(() => 'late'), // ignores its signal
      onShutdown: (v: unknown) => void disposed.push(v),
    });
    const seen = warnings(warmup);
    const t0 = Date.now();
    const report = await settle(warmup.boot(), 1);
    await jest.advanceTimersByTimeAsync(1);
    expect(seen).toEqual(['stubborn: attempt 1 was abandoned but its work is still running: it ignores its AbortSignal']);
    expect(warmup.report().components.stubborn!.attemptHistory[0]).toMatchObject({ outcome: 'timeout', abandoned: true });
    expect(report.components.stubborn!.attemptHistory[0]!.abandoned).toBeUndefined(); // the boot's report is a snapshot
    expect(warmup.report().components.stubborn!.abandonedRunning).toBe(1);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen[1]).toMatch(/^stubborn: the abandoned attempt 1 finished: it returned an instance, which was disposed 9\d\d ms after it was abandoned$/);
    expect(warmup.report().components.stubborn!.attemptHistory[0]!.settledLateAt).toBe(t0 + 1_000);
    expect(disposed).toEqual(['late']);
    expect(warmup.report().components.stubborn!.abandonedRunning).toBeUndefined();
  });

  it('is not said of a loader that honours its signal', async () => {
    const warmup = new Warmup(new Container()).register({
      token: 'polite',
      timeout: 100,
      required: false,
      load: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const seen = warnings(warmup);
    await settle(warmup.boot());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([]);
    expect(warmup.report().components.polite!.attemptHistory[0]!.abandoned).toBeUndefined();
  });

  it('is marked on its record when a shutdown abandons it, and its late failure is still handled', async () => {
    const warmup = new Warmup(new Container()).register({ token: 'slow', load: () => sleep(500).then(() => Promise.reject(new Error('late failure'))) });
    const booting = warmup.boot().catch(() => undefined);
    await jest.advanceTimersByTimeAsync(10);
    void warmup.shutdown({ drainMs: 100 }); // events$ is still open during the drain
    const seen = warnings(warmup);
    await jest.advanceTimersByTimeAsync(1_000);
    await settle(booting);
    expect(seen).toEqual(['slow: attempt 1 was abandoned but its work is still running: it ignores its AbortSignal']);
    expect(warmup.report().components.slow!.attemptHistory[0]).toMatchObject({ outcome: 'cancelled', abandoned: true, settledLateAt: expect.any(Number) });
  });
});
