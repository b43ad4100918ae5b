import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
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
function monitorOf(definitions: ComponentDefinition[], options: MonitorOptions, env: { healthTimeout?: number } = {}) {
  const specs = definitions.map((d, i) => toComponentSpec(d, i));
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  const t0 = Date.now();
  specs.forEach((s) => states.settle(s.index, ComponentStatus.Ready, t0, { name: s.name }, undefined, 1));
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  const gaveUp: GaveUp[] = [];
  const monitor = new HealthMonitor(
    {
      specs,
      states,
      health: new HealthRecords(specs, states),
      clock: clockFrom(asyncScheduler),
      healthTimeout: env.healthTimeout ?? Infinity,
      random: () => 0.5,
      giveUp: (i, error, restart) => gaveUp.push({ name: specs[i]!.name, code: (error as { code?: string }).code, restart, at: Date.now() - t0 }),
    },
    resolveMonitorOptions(options),
  );
  const statusAt = (name: string) => states.status[specs.findIndex((s) => s.name === name)];
  const healthAt = () => events.filter((e) => e.type === 'health').map((e) => [e.name, e.at - t0, e.healthy]);
  return { monitor, states, events, gaveUp, statusAt, healthAt, t0 };
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
});
