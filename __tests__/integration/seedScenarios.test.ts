import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentStatus, Priority, Warmup } from '../../src/index.js';
import { after } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';

// The ten "Test Scenarios" of the seed design (component-warmup-deep-dive.md), in virtual time.
describe('seed scenarios', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const run = <T>(promise: Promise<T>): Promise<T> => settle(promise, 50, 1_000);

  it('1: ten components all load, in parallel', async () => {
    const warmup = new Warmup(new Container());
    for (let i = 0; i < 10; i++) {
      warmup.register({ token: `component_${i}`, priority: Priority.HIGH, load: after(500, i) });
    }
    const report = await run(warmup.boot());
    expect(report.readyCount).toBe(10);
    expect(report.failedCount).toBe(0);
    expect(report.totalLoadTimeMs).toBe(500); // in parallel: one 500 ms load, not ten
    for (let i = 0; i < 10; i++) expect(warmup.isReady(`component_${i}`)).toBe(true);
  });

  it('2: an optional component fails, the others continue', async () => {
    const warmup = new Warmup(new Container()).register(
      { token: 'critical_component', load: after(10, 'a') },
      { token: 'optional_component', required: false, load: () => Promise.reject(new Error('boom')) },
      { token: 'another_component', load: after(10, 'c') },
    );
    const report = await run(warmup.boot());
    expect(report.readyCount).toBe(2);
    expect(report.failedCount).toBe(1);
    expect(report.failedComponents).toEqual(['optional_component']);
    expect(report.components.optional_component?.lastError).toBe('boom');
    expect(report.totalLoadTimeMs).toBe(10); // the failure cost the others nothing
    expect(warmup.isReady('critical_component')).toBe(true);
    expect(warmup.isReady('another_component')).toBe(true);
    expect(warmup.isReady('optional_component')).toBe(false);
  });

  it('3: dependencies load first', async () => {
    const order: string[] = [];
    const track = (name: string) => async () => {
      order.push(name);
      return name;
    };
    const warmup = new Warmup(new Container()).register(
      { token: 'C', priority: Priority.HIGH, dependsOn: ['A', 'B'], load: track('C') },
      { token: 'B', priority: Priority.HIGH, dependsOn: ['A'], load: track('B') },
      { token: 'A', priority: Priority.HIGH, load: track('A') },
    );
    await run(warmup.boot());
    expect(order).toEqual(['A', 'B', 'C']);
  });

  it('4: a hung loader times out quickly', async () => {
    const warmup = new Warmup(new Container()).register({
      token: 'slow_component',
      timeout: 5_000,
      required: false,
      load: after(20_000, 'late'),
    });
    const start = Date.now();
    const report = await run(warmup.boot());
    expect(Date.now() - start).toBe(5_000); // at its timeout, not when the loader would answer
    expect(report.totalLoadTimeMs).toBe(5_000);
    expect(report.components.slow_component?.attempts).toBe(1);
    expect(report.failedComponents).toEqual(['slow_component']);
    expect(report.components.slow_component?.errorCode).toBe('PREHEAT_TIMEOUT');
    expect(warmup.isReady('slow_component')).toBe(false);
  });

  it('5: a flaky loader succeeds on the third attempt', async () => {
    let attempts = 0;
    const warmup = new Warmup(new Container()).register({
      token: 'flaky_component',
      retries: 3,
      load: async () => {
        attempts++;
        if (attempts < 3) throw new Error('Transient failure');
        return 'component';
      },
    });
    const report = await run(warmup.boot());
    expect(attempts).toBe(3);
    expect(warmup.isReady('flaky_component')).toBe(true);
    expect(report.readyCount).toBe(1);
    expect(report.components.flaky_component?.attempts).toBe(3);
    // The default backoff: 1 s after the first failure, 2 s after the second.
    expect(report.components.flaky_component?.attemptHistory.map((a) => a.startedAt - report.startedAt)).toEqual([0, 1_000, 3_000]);
    expect(report.totalLoadTimeMs).toBe(3_000);
  });

  it('6: always unhealthy ends Degraded but usable', async () => {
    let loads = 0;
    const warmup = new Warmup(new Container()).register({
      token: 'unhealthy_component',
      retries: 2,
      required: false,
      load: async () => {
        loads++;
        return { n: loads };
      },
      healthCheck: async () => false,
    });
    const report = await run(warmup.boot());
    expect(report.degradedComponents).toEqual(['unhealthy_component']);
    expect(report.components.unhealthy_component?.attempts).toBe(3);
    expect(warmup.getStatus('unhealthy_component')).toBe(ComponentStatus.Degraded);
    expect(warmup.getComponent('unhealthy_component')).toEqual({ n: 3 });
    expect(loads).toBe(3);
  });

  it('7: CRITICAL loads before HIGH, HIGH before LOW', async () => {
    const started: Record<string, number> = {};
    const track = (name: string) => async () => {
      started[name] = Date.now();
      await new Promise((r) => setTimeout(r, 100));
      return name;
    };
    const warmup = new Warmup(new Container()).register(
      { token: 'low', priority: Priority.LOW, load: track('low') },
      { token: 'high', priority: Priority.HIGH, load: track('high') },
      { token: 'critical', priority: Priority.CRITICAL, load: track('critical') },
    );
    const start = Date.now();
    await run(warmup.boot());
    // Each wave starts when the one before it is ready: 100 ms apart, exactly.
    expect({ critical: started.critical! - start, high: started.high! - start, low: started.low! - start }).toEqual({ critical: 0, high: 100, low: 200 });
  });

  it('8: never more than maxConcurrent at once, but in parallel', async () => {
    let running = 0;
    let peak = 0;
    const warmup = new Warmup(new Container(), { maxConcurrent: 5 });
    for (let i = 0; i < 20; i++) {
      warmup.register({
        token: `component_${i}`,
        priority: Priority.HIGH,
        load: async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 500));
          running--;
          return i;
        },
      });
    }
    const report = await run(warmup.boot());
    expect(peak).toBe(5);
    expect(report.totalLoadTimeMs).toBe(2_000); // 20 loads of 500 ms, 5 at a time: 4 rounds
  });

  it('9: nothing is handed out before it is ready', async () => {
    const warmup = new Warmup(new Container()).register({
      token: 'async_component',
      priority: Priority.HIGH,
      load: after(2_000, 'component'),
    });
    const booting = warmup.boot();
    await jest.advanceTimersByTimeAsync(100);
    expect(warmup.getComponent('async_component')).toBeUndefined();
    await run(booting);
    expect(warmup.getComponent('async_component')).toBe('component');
  });

  it('10: waitForCritical resolves once the critical wave is ready', async () => {
    const warmup = new Warmup(new Container()).register(
      { token: 'critical1', priority: Priority.CRITICAL, load: after(1_000, 'c') },
      { token: 'high1', priority: Priority.HIGH, load: after(500, 'h') },
    );
    const start = Date.now();
    const booting = warmup.boot();
    const critical = warmup.waitForCritical({ timeout: 5_000 });
    await run(critical);
    expect(Date.now() - start).toBe(1_000);
    expect(warmup.isReady('critical1')).toBe(true);
    expect(warmup.isReady('high1')).toBe(false);
    const report = await run(booting);
    expect(report.totalLoadTimeMs).toBe(1_500); // HIGH starts after the CRITICAL wave
    expect(warmup.isReady('high1')).toBe(true);
  });
});
