import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { BootCancelledError, BootError, ComponentNotReadyError, ComponentStatus, Priority, Warmup } from '../../src/index.js';
import { deferred } from '../helpers/deferred.js';
import { settle } from '../helpers/settle.js';

describe('edge cases', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('does not accept requests when a required CRITICAL component failed', async () => {
    const phases: string[] = [];
    const warmup = new Warmup(new Container()).register(
      { token: 'auth', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('no keys')) },
      { token: 'nlp', priority: Priority.HIGH, load: () => 'n' },
    );
    warmup.phase$.subscribe((p) => phases.push(p));
    await expect(settle(warmup.boot())).rejects.toBeInstanceOf(BootError);
    expect(warmup.acceptingRequests).toBe(false);
    expect(phases).toEqual(['idle', 'booting', 'failed']);
    await expect(warmup.waitForCritical()).rejects.toBeInstanceOf(ComponentNotReadyError);
  });

  it('accepts requests when only an optional CRITICAL component failed', async () => {
    const warmup = new Warmup(new Container()).register(
      { token: 'extra', priority: Priority.CRITICAL, required: false, load: () => Promise.reject(new Error('x')) },
      { token: 'slow', priority: Priority.HIGH, load: () => new Promise((r) => setTimeout(() => r('s'), 1_000)) },
    );
    const booting = warmup.boot();
    await jest.advanceTimersByTimeAsync(10);
    expect(warmup.acceptingRequests).toBe(true);
    await settle(booting);
  });

  it('failFast applies to the boot only: a deferred failure later does not break getAsync', async () => {
    const warmup = new Warmup(new Container(), { failFast: true }).register(
      { token: 'a', load: () => 'a' },
      { token: 'broken', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('no')) },
      { token: 'model', priority: Priority.DEFERRED, load: () => 'm' },
    );
    await settle(warmup.boot());
    await expect(settle(warmup.getAsync('broken'))).rejects.toBeInstanceOf(ComponentNotReadyError);
    await expect(settle(warmup.getAsync('model'))).resolves.toBe('m');
    expect(warmup.isReady('a')).toBe(true);
  });

  it('disposes an instance whose health check was cut short by shutdown', async () => {
    const disposed: string[] = [];
    const warmup = new Warmup(new Container()).register({
      token: 'db',
      load: () => 'pool',
      healthCheck: () => new Promise<boolean>(() => undefined),
      onShutdown: (instance: string) => void disposed.push(instance),
    });
    const booting = warmup.boot();
    booting.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(10);
    expect(warmup.getStatus('db')).toBe(ComponentStatus.Loading);
    await settle(warmup.shutdown());
    await settle(booting.catch(() => undefined));
    expect(disposed).toEqual(['pool']);
  });

  it('a component the monitor gives up on is disposed and no longer handed out', async () => {
    let healthy = true;
    const disposed: unknown[] = [];
    const container = new Container();
    const warmup = new Warmup(container).register({
      token: 'db',
      load: () => ({ pool: 1 }),
      healthCheck: () => healthy,
      onShutdown: (instance: unknown) => void disposed.push(instance),
    });
    await settle(warmup.boot());
    expect(container.get('db')).toEqual({ pool: 1 });
    warmup.monitor({ interval: 100, failureThreshold: 1, recoveryAttempts: 0 });
    healthy = false;
    await jest.advanceTimersByTimeAsync(150);
    expect(warmup.getStatus('db')).toBe(ComponentStatus.Failed);
    expect(() => container.get('db')).toThrow(ComponentNotReadyError);
    expect(disposed).toEqual([{ pool: 1 }]);
    await settle(warmup.shutdown());
  });

  it('getAsync of a boot component pulls it and its dependencies ahead of the waves', async () => {
    const order: string[] = [];
    const load = (name: string, ms: number) => () => new Promise((r) => setTimeout(() => (order.push(name), r(name)), ms));
    const warmup = new Warmup(new Container(), { maxConcurrent: 1 }).register(
      { token: 'c1', priority: Priority.CRITICAL, load: load('c1', 100) },
      { token: 'c2', priority: Priority.CRITICAL, load: load('c2', 100) },
      { token: 'base', priority: Priority.LOW, load: load('base', 10) },
      { token: 'report', priority: Priority.LOW, dependsOn: ['base'], load: load('report', 10) },
      { token: 'other', priority: Priority.LOW, load: load('other', 10) },
    );
    const booting = warmup.boot();
    await jest.advanceTimersByTimeAsync(10); // c1 holds the only slot
    const wanted = warmup.getAsync('report');
    await settle(wanted);
    expect(order.slice(0, 3)).toEqual(['c1', 'base', 'report']);
    await settle(booting);
  });

  it('waitFor rejects with BootCancelledError when the container stops first', async () => {
    const gate = deferred<string>();
    const warmup = new Warmup(new Container()).register({ token: 'a', load: () => gate.promise });
    const waiting = warmup.waitFor(Priority.MEDIUM);
    waiting.catch(() => undefined);
    await settle(warmup.shutdown());
    await expect(waiting).rejects.toBeInstanceOf(BootCancelledError);
  });
});

describe('long failure chains', () => {
  it('fails a 50,000-long chain from its base in linear time, eliding the middle of the path', async () => {
    const n = 50_000;
    const warmup = new Warmup(new Container(), { maxConcurrent: Infinity });
    warmup.register({ token: 'n0', load: () => Promise.reject(new Error('root cause')) });
    for (let i = 1; i < n; i++) warmup.register({ token: `n${i}`, dependsOn: [`n${i - 1}`], load: () => i });
    const error = (await warmup.boot().catch((e: unknown) => e)) as BootError;
    expect(error.report.failedCount).toBe(n);
    const top = error.report.components[`n${n - 1}`]!.lastError!;
    expect(top.startsWith(`Dependency failed: n${n - 1} ← n${n - 2} ←`)).toBe(true);
    expect(top.endsWith('← … ← n0: root cause')).toBe(true);
    expect(error.message.length).toBeLessThan(5_000_000);
  }, 60_000);
});

describe('shutdown drain', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('fails readiness at the call and waits drainMs before the first hook', async () => {
    let hookAt = -1;
    const warmup = new Warmup(new Container()).register({ token: 'db', load: () => 1, onShutdown: () => void (hookAt = Date.now()) });
    await settle(warmup.boot());
    const calledAt = Date.now();
    const stopping = warmup.shutdown({ drainMs: 5_000 });
    expect(warmup.phase).toBe('stopping');
    expect(warmup.acceptingRequests).toBe(false);
    await jest.advanceTimersByTimeAsync(4_000);
    expect(hookAt).toBe(-1);
    await settle(stopping);
    expect(hookAt - calledAt).toBe(5_000);
    expect(warmup.phase).toBe('stopped');
  });
});

describe('cancellation races', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shutdown() in the same tick as boot() loads nothing', async () => {
    let loads = 0;
    const phases: string[] = [];
    const warmup = new Warmup(new Container()).register({ token: 'a', load: () => ++loads }, { token: 'b', load: () => ++loads });
    warmup.phase$.subscribe((p) => phases.push(p));
    const booting = warmup.boot();
    booting.catch(() => undefined);
    await settle(warmup.shutdown());
    await expect(booting).rejects.toBeInstanceOf(BootCancelledError);
    expect(loads).toBe(0);
    expect(phases).toEqual(['idle', 'stopping', 'stopped']);
  });

  it('a value that arrives in the tick of a shutdown starts no health check and is disposed', async () => {
    const gate = deferred<string>();
    let checks = 0;
    const disposed: string[] = [];
    const warmup = new Warmup(new Container(), { healthTimeout: 60_000 }).register({
      token: 'db',
      load: () => gate.promise,
      healthCheck: () => {
        checks++;
        return new Promise<boolean>(() => undefined);
      },
      onShutdown: (instance: string) => void disposed.push(instance),
    });
    const booting = warmup.boot();
    booting.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(1);
    gate.resolve('pool');
    const stopping = warmup.shutdown();
    const started = Date.now();
    await settle(stopping, 1);
    expect(Date.now() - started).toBeLessThan(100);
    expect(checks).toBe(0);
    expect(disposed).toEqual(['pool']);
  });

  it('rejects timers Node would clamp to 1 ms, and a bad drainMs', async () => {
    expect(() => new Warmup(new Container()).register({ token: 'a', timeout: 2 ** 31, load: () => 1 })).toThrow(/timeout/);
    expect(() => new Warmup(new Container()).register({ token: 'a', timeout: Infinity, load: () => 1 })).not.toThrow();
    await expect(new Warmup(new Container()).shutdown({ drainMs: -1 })).rejects.toThrow(/drainMs/);
  });
});
