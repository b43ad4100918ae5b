import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { BootCancelledError } from '../../../src/errors/BootCancelledError.js';
import { DependencyFailedError } from '../../../src/errors/DependencyFailedError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { HealthMonitor } from '../../../src/lifecycle/HealthMonitor.js';
import { resolveMonitorOptions, type MonitorOptions } from '../../../src/lifecycle/MonitorOptions.js';
import type { ComponentEvent } from '../../../src/readiness/ComponentEvent.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { HealthRecords } from '../../../src/health/HealthRecords.js';

interface GaveUp {
  readonly name: string;
  readonly code: string | undefined;
  readonly restart: boolean;
  readonly at: number;
}

/** A monitor over components that are already Ready with `instance`, in virtual time. */
function monitorOf(definitions: ComponentDefinition[], options: MonitorOptions, env: { healthTimeout?: number; onGiveUp?: () => void } = {}) {
  const specs = definitions.map((d, i) => toComponentSpec(d, i));
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  const t0 = Date.now();
  specs.forEach((s) => states.settle(s.index, ComponentStatus.Ready, t0, { name: s.name }, undefined, 1));
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  const gaveUp: GaveUp[] = [];
  const health = new HealthRecords(specs, states);
  const monitor = new HealthMonitor(
    {
      specs,
      states,
      health,
      clock: clockFrom(asyncScheduler),
      healthTimeout: env.healthTimeout ?? Infinity,
      random: () => 0.5,
      giveUp: (i, error, restart) => {
        env.onGiveUp?.();
        gaveUp.push({ name: specs[i]!.name, code: (error as { code?: string }).code, restart, at: Date.now() - t0 });
      },
    },
    resolveMonitorOptions(options),
  );
  const statusAt = (name: string) => states.status[specs.findIndex((s) => s.name === name)];
  const healthAt = () => events.filter((e) => e.type === 'health').map((e) => [e.name, e.at - t0, e.healthy]);
  const warnings = () => events.filter((e) => e.type === 'warning').map((e) => [e.name, e.message]);
  return { monitor, states, health, events, gaveUp, statusAt, healthAt, warnings, t0 };
}

describe('HealthMonitor', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should check every usable component that has a health check, once per interval', async () => {
    const { monitor, healthAt, states } = monitorOf(
      [
        { token: 'a', load: () => 1, healthCheck: () => true },
        { token: 'none', load: () => 2 },
        { token: 'failed', load: () => 3, healthCheck: () => true },
      ],
      { interval: 100 },
    );
    states.settle(2, ComponentStatus.Failed, 0, undefined, new Error('x'));
    monitor.start();
    await jest.advanceTimersByTimeAsync(99);
    expect(healthAt()).toEqual([]);
    await jest.advanceTimersByTimeAsync(201);
    expect(healthAt()).toEqual([
      ['a', 100, true],
      ['a', 200, true],
      ['a', 300, true],
    ]);
    monitor.stop();
  });

  it('should degrade after failureThreshold failures in a row, recover in place after the backoff, and restore after successThreshold good checks', async () => {
    let healthy = true;
    const recovered: number[] = [];
    const { monitor, statusAt, t0, gaveUp } = monitorOf(
      [{ token: 'db', load: () => 1, healthCheck: () => healthy, recover: () => void recovered.push(Date.now() - t0) }],
      { interval: 100, failureThreshold: 2, successThreshold: 2, recoveryAttempts: 3, backoff: { delay: 30 } },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    healthy = false;
    await jest.advanceTimersByTimeAsync(100); // 1 failure
    expect(statusAt('db')).toBe(ComponentStatus.Ready);
    await jest.advanceTimersByTimeAsync(100); // 2 in a row
    expect(statusAt('db')).toBe(ComponentStatus.Degraded);
    await jest.advanceTimersByTimeAsync(30);
    expect(recovered).toEqual([330]); // after the first backoff
    healthy = true;
    await jest.advanceTimersByTimeAsync(70); // 1 good check: not enough
    expect(statusAt('db')).toBe(ComponentStatus.Degraded);
    await jest.advanceTimersByTimeAsync(100);
    expect(statusAt('db')).toBe(ComponentStatus.Ready);
    expect(monitor.score(0)).toMatchObject({ checks: 5, failures: 2, consecutiveFailures: 0, recoveries: 0 });
    expect(gaveUp).toEqual([]);
    monitor.stop();
  });

  it('should give up after recoveryAttempts recoveries, with the restart option, backing off each time', async () => {
    const recovered: number[] = [];
    const { monitor, gaveUp, t0 } = monitorOf(
      [{ token: 'db', load: () => 1, healthCheck: () => false, recover: () => void recovered.push(Date.now() - t0) }],
      { interval: 100, failureThreshold: 1, recoveryAttempts: 2, backoff: { delay: 10, factor: 3 }, restart: true },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(1_000);
    // degrade at 100, recovery 1 at 110; failure at 200, recovery 2 at 230 (10·3); failure at 300: give up.
    expect(recovered).toEqual([110, 230]);
    expect(gaveUp[0]).toEqual({ name: 'db', code: ErrorCode.Unhealthy, restart: true, at: 300 });
    monitor.stop();
  });

  it('should not restore a component degraded because a dependency was given up', async () => {
    const { monitor, states, statusAt } = monitorOf([{ token: 'api', load: () => 1, healthCheck: () => true }], { interval: 100 });
    states.degrade(0, new DependencyFailedError(['api', 'db'], new Error('db gone')), Date.now());
    monitor.start();
    await jest.advanceTimersByTimeAsync(300);
    expect(statusAt('api')).toBe(ComponentStatus.Degraded);
    monitor.stop();
  });

  it('should score the last `window` checks, with their average latency', async () => {
    let answers = [true, false, false, true];
    const { monitor } = monitorOf(
      [{ token: 'a', load: () => 1, healthCheck: () => new Promise<boolean>((r) => setTimeout(() => r(answers.shift() ?? true), 4)) }],
      { interval: 100, window: 3, failureThreshold: 5 },
    );
    expect(monitor.score(0)).toBeUndefined();
    monitor.start();
    await jest.advanceTimersByTimeAsync(4 * 104);
    expect(monitor.score(0)).toEqual({
      score: 1 / 3, // false, false, true: the first true fell out of the window
      checks: 4,
      failures: 2,
      consecutiveFailures: 0,
      averageLatencyMs: 4,
      recoveries: 0,
      lastCheckedAt: expect.any(Number),
    });
    monitor.forget(0);
    expect(monitor.score(0)).toBeUndefined();
    answers = [];
    monitor.stop();
  });

  it('should time a check out after the component healthTimeout, before the monitor-wide one', async () => {
    const { monitor, events } = monitorOf(
      [
        { token: 'own', healthTimeout: 20, load: () => 1, healthCheck: () => new Promise<boolean>(() => undefined) },
        { token: 'shared', load: () => 1, healthCheck: () => new Promise<boolean>(() => undefined) },
      ],
      { interval: 100, failureThreshold: 5 },
      { healthTimeout: 50 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(150);
    const health = events.filter((e) => e.type === 'health').map((e) => [e.name, e.latencyMs, e.healthy, (e.error as { code?: string } | undefined)?.code]);
    expect(health).toEqual([
      ['own', 20, false, ErrorCode.Timeout],
      ['shared', 50, false, ErrorCode.Timeout],
    ]);
    monitor.stop();
  });

  it('should warn when a recovery fails, and keep monitoring', async () => {
    const { monitor, events } = monitorOf(
      [{ token: 'db', load: () => 1, healthCheck: () => false, recover: () => Promise.reject(new Error('still down')) }],
      { interval: 100, failureThreshold: 1, recoveryAttempts: 5, backoff: { delay: 10 } },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(110);
    expect(events.filter((e) => e.type === 'warning').map((e) => e.message)).toEqual(['recovery 1 failed: still down']);
    monitor.stop();
  });

  it('should abort a check in flight on stop, start no round after it, and stop once', async () => {
    let signal: AbortSignal | undefined;
    let checks = 0;
    const { monitor, healthAt } = monitorOf(
      [{ token: 'a', load: () => 1, healthCheck: (_i, s) => ((signal = s), checks++, new Promise<boolean>(() => undefined)) }],
      { interval: 100 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(checks).toBe(1);
    monitor.stop();
    monitor.stop();
    expect(signal?.aborted).toBe(true);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(checks).toBe(1);
    expect(healthAt()).toEqual([]); // a stopped check is no verdict
  });

  it('should not start a second check of a component while one is in flight', async () => {
    let checks = 0;
    const { monitor } = monitorOf(
      [{ token: 'slow', load: () => 1, healthCheck: () => (checks++, new Promise<boolean>((r) => setTimeout(() => r(true), 250))) }],
      { interval: 100 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(450); // rounds wait for their checks: 100 → 350, next at 450
    expect(checks).toBe(2);
    monitor.stop();
  });

  it('should abort a stopped check with a BootCancelledError saying the monitor stopped, and end it without a verdict or a warning', async () => {
    let signal: AbortSignal | undefined;
    const { monitor, health, warnings } = monitorOf(
      [{ token: 'a', load: () => 1, healthCheck: (_i, s) => ((signal = s), new Promise<boolean>(() => undefined)) }],
      { interval: 100 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(health.checking(0)).toBe(true);
    monitor.stop();
    await jest.advanceTimersByTimeAsync(10);
    expect(signal?.reason).toBeInstanceOf(BootCancelledError);
    expect((signal?.reason as Error).message).toMatch(/^Boot cancelled: the health monitor stopped/);
    expect(health.checking(0)).toBe(false);
    expect(warnings()).toEqual([]);
  });

  it('should score a component whose first check is still running as 1, with no latency yet', async () => {
    let answer: ((healthy: boolean) => void) | undefined;
    const { monitor } = monitorOf([{ token: 'a', load: () => 1, healthCheck: () => new Promise<boolean>((r) => (answer = r)) }], { interval: 100 });
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(monitor.score(0)).toEqual({ score: 1, checks: 0, failures: 0, consecutiveFailures: 0, averageLatencyMs: 0, recoveries: 0, lastCheckedAt: NaN });
    await jest.advanceTimersByTimeAsync(6);
    answer!(false);
    await jest.advanceTimersByTimeAsync(0);
    expect(monitor.score(0)).toMatchObject({ score: 0, checks: 1, failures: 1, averageLatencyMs: 6 });
    monitor.stop();
  });

  it('should average the latency of fewer checks than the window', async () => {
    const { monitor } = monitorOf(
      [{ token: 'a', load: () => 1, healthCheck: () => new Promise<boolean>((r) => setTimeout(() => r(true), 4)) }],
      { interval: 100, window: 20 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(104);
    expect(monitor.score(0)).toMatchObject({ checks: 1, averageLatencyMs: 4 });
    await jest.advanceTimersByTimeAsync(104);
    expect(monitor.score(0)).toMatchObject({ checks: 2, averageLatencyMs: 4 });
    monitor.stop();
  });

  it('should never check once stopped, even if started again', async () => {
    let checks = 0;
    const { monitor } = monitorOf([{ token: 'a', health: { delay: 0 }, load: () => 1, healthCheck: () => (checks++, true) }], { interval: 100 });
    monitor.stop();
    monitor.start();
    await jest.advanceTimersByTimeAsync(500);
    expect(checks).toBe(0);
    expect(monitor.running).toBe(false);
  });

  it('should not check a component again while its check is in flight, when another component is due', async () => {
    let slowChecks = 0;
    const { monitor, healthAt } = monitorOf(
      [
        { token: 'slow', load: () => 1, healthCheck: () => (slowChecks++, new Promise<boolean>((r) => setTimeout(() => r(true), 250))) },
        { token: 'fast', load: () => 1, healthCheck: () => true },
      ],
      { interval: 100 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(340);
    expect(slowChecks).toBe(1);
    await jest.advanceTimersByTimeAsync(10); // slow ends at 350, next due at 450
    expect(healthAt().filter(([name]) => name === 'slow')).toEqual([['slow', 350, true]]);
    expect(slowChecks).toBe(1);
    await jest.advanceTimersByTimeAsync(100);
    expect(slowChecks).toBe(2);
    monitor.stop();
  });

  it('should keep no score for a component it cannot check (no health check, or not usable)', async () => {
    const { monitor, states, healthAt } = monitorOf(
      [
        { token: 'none', load: () => 2 },
        { token: 'failed', load: () => 3, healthCheck: () => true },
        { token: 'ok', load: () => 3, healthCheck: () => true },
      ],
      { interval: 100 },
    );
    states.settle(1, ComponentStatus.Failed, 0, undefined, new Error('x'));
    monitor.start();
    await jest.advanceTimersByTimeAsync(300);
    expect(monitor.score(0)).toBeUndefined();
    expect(monitor.score(1)).toBeUndefined();
    expect(monitor.score(2)).toMatchObject({ checks: 3 });
    expect(healthAt().map(([name]) => name)).toEqual(['ok', 'ok', 'ok']);
    monitor.stop();
  });

  it('should keep each component on its own period: a slow check ending does not put off another component due sooner', async () => {
    const { monitor, healthAt } = monitorOf(
      [
        { token: 'slow', load: () => 1, healthCheck: () => new Promise<boolean>((r) => setTimeout(() => r(true), 50)) },
        { token: 'fast', health: { period: 40 }, load: () => 1, healthCheck: () => true },
      ],
      { interval: 100 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(300);
    expect(healthAt()).toEqual([
      ['fast', 40, true],
      ['fast', 80, true],
      ['fast', 120, true],
      ['slow', 150, true],
      ['fast', 160, true],
      ['fast', 200, true],
      ['fast', 240, true],
      ['fast', 280, true],
      ['slow', 300, true],
    ]);
    monitor.stop();
  });

  it('should hold no timer while every due check is in flight', async () => {
    const { monitor } = monitorOf([{ token: 'a', load: () => 1, healthCheck: () => new Promise<boolean>(() => undefined) }], { interval: 100 });
    monitor.start();
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(100);
    expect(jest.getTimerCount()).toBe(0); // nothing keeps the process alive, nothing wakes the monitor for nothing
    monitor.stop();
  });

  it('should not check a queued component that stopped being usable while it waited for a slot', async () => {
    const checked: string[] = [];
    const { monitor, states, healthAt } = monitorOf(
      [
        { token: 'slow', load: () => 1, healthCheck: () => (checked.push('slow'), new Promise<boolean>((r) => setTimeout(() => r(true), 50))) },
        { token: 'queued', load: () => 1, healthCheck: () => (checked.push('queued'), true) },
      ],
      { interval: 100, concurrency: 1 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(checked).toEqual(['slow']);
    states.settle(1, ComponentStatus.Failed, Date.now(), undefined, new Error('gone'));
    await jest.advanceTimersByTimeAsync(60);
    expect(checked).toEqual(['slow']);
    expect(healthAt()).toEqual([['slow', 150, true]]);
    monitor.stop();
  });

  it('should not act on a verdict about an instance that was replaced while it was checked', async () => {
    const { monitor, states, statusAt, gaveUp } = monitorOf(
      [{ token: 'a', load: () => 1, healthCheck: () => new Promise<boolean>((r) => setTimeout(() => r(false), 50)) }],
      { interval: 100, failureThreshold: 1, recoveryAttempts: 0 },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(120);
    states.settle(0, ComponentStatus.Ready, Date.now(), { name: 'a', fresh: true }, undefined, 2);
    await jest.advanceTimersByTimeAsync(40);
    expect(monitor.score(0)).toMatchObject({ checks: 1, failures: 1 });
    expect(statusAt('a')).toBe(ComponentStatus.Ready);
    expect(gaveUp).toEqual([]);
    monitor.stop();
  });

  it('should keep a component held down by a given-up dependency held down when its own checks fail and pass again', async () => {
    let healthy = false;
    const { monitor, states, statusAt } = monitorOf(
      [{ token: 'api', load: () => 1, healthCheck: () => healthy, recover: () => undefined }],
      { interval: 100, failureThreshold: 1, recoveryAttempts: 3, backoff: { delay: 10 } },
    );
    states.degrade(0, new DependencyFailedError(['api', 'db'], new Error('db gone')), Date.now());
    monitor.start();
    await jest.advanceTimersByTimeAsync(150); // a failed check, then a recovery
    expect((states.error[0] as { code?: string }).code).toBe(ErrorCode.DependencyFailed);
    healthy = true;
    await jest.advanceTimersByTimeAsync(300);
    expect(statusAt('api')).toBe(ComponentStatus.Degraded);
    expect((states.error[0] as { code?: string }).code).toBe(ErrorCode.DependencyFailed);
    monitor.stop();
  });

  it('should not warn about a recovery that the stop cancelled', async () => {
    const recovered: number[] = [];
    const { monitor, warnings } = monitorOf(
      [{ token: 'db', load: () => 1, healthCheck: () => false, recover: () => void recovered.push(1) }],
      { interval: 100, failureThreshold: 1, recoveryAttempts: 5, backoff: { delay: 50 } },
    );
    monitor.start();
    await jest.advanceTimersByTimeAsync(120); // degraded at 100, recovery waits until 150
    monitor.stop();
    await jest.advanceTimersByTimeAsync(100);
    expect(recovered).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('should warn once, about the component, when the monitor fails while handling its check', async () => {
    const { monitor, warnings } = monitorOf([{ token: 'db', load: () => 1, healthCheck: () => false }], { interval: 100, failureThreshold: 1, recoveryAttempts: 0 }, {
      onGiveUp: () => {
        throw new Error('give-up broke');
      },
    });
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(warnings()).toEqual([['db', 'health monitor could not check it: give-up broke']]);
    monitor.stop();
  });
});

describe('a monitor stopped by a listener of its own events', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts no recovery and leaves no timer when stopped as the component turns Degraded', async () => {
    const recovered: number[] = [];
    const specs = [toComponentSpec({ token: 'db', load: () => 1, healthCheck: () => false, recover: () => void recovered.push(Date.now()) }, 0)];
    const states = new ComponentStates(specs);
    states.grow(1);
    states.settle(0, ComponentStatus.Ready, Date.now(), { name: 'db' }, undefined, 1);
    const monitor = new HealthMonitor(
      { specs, states, health: new HealthRecords(specs, states), clock: clockFrom(asyncScheduler), healthTimeout: Infinity, random: () => 0.5, giveUp: () => undefined },
      resolveMonitorOptions({ interval: 100, failureThreshold: 1, backoff: { delay: 50 } }),
    );
    const seen: ComponentStatus[] = [];
    states.events.subscribe((e) => {
      if (e.type !== 'status') return;
      seen.push(e.status);
      if (e.status === ComponentStatus.Degraded) monitor.stop();
    });
    monitor.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(seen).toEqual([ComponentStatus.Degraded]);
    expect(monitor.running).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(500);
    expect(recovered).toEqual([]);
  });
});
