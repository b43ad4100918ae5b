import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentNotReadyError, ComponentStatus, DependencyFailedError, ErrorCode, InvalidOptionError, Warmup, type ComponentEvent } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Pool {
  readonly id: number;
  ended: boolean;
}

/** db (pool) ← repo ← api, and an unrelated cache; db's health is switched by the test. */
async function service(options: { restart?: boolean; rebuildFails?: boolean } = {}) {
  const state = { healthy: true, built: 0, disposed: [] as string[] };
  const container = new Container();
  const warmup = new Warmup(container).register(
    {
      token: 'db',
      load: (): Pool => {
        state.built++;
        if (options.rebuildFails === true && state.built > 1) throw new Error('server gone');
        state.healthy = true;
        return { id: state.built, ended: false };
      },
      healthCheck: () => state.healthy,
      onShutdown: (pool: Pool) => void ((pool.ended = true), state.disposed.push(`db#${pool.id}`)),
    },
    {
      token: 'repo',
      dependsOn: ['db'],
      load: ({ get }) => ({ pool: get<Pool>('db') }),
      healthCheck: () => true, // its own checks pass: only its dependency is dead
      onShutdown: () => void state.disposed.push('repo'),
    },
    { token: 'api', dependsOn: ['repo'], load: ({ get }) => ({ repo: get<{ pool: Pool }>('repo') }), onShutdown: () => void state.disposed.push('api') },
    { token: 'cache', load: () => new Map(), healthCheck: () => true },
  );
  await settle(warmup.boot());
  warmup.monitor({ interval: 100, failureThreshold: 1, recoveryAttempts: 0, ...(options.restart === undefined ? {} : { restart: options.restart }) });
  return { container, warmup, state };
}

describe('the health monitor giving up on a component', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('without restart', () => {
    it('fails it, disposes it, and degrades every component that depends on it, naming the chain', async () => {
      const { container, warmup, state } = await service();
      const events: ComponentEvent[] = [];
      warmup.events$.subscribe((e) => e.type === 'status' && events.push(e));
      state.healthy = false;
      await jest.advanceTimersByTimeAsync(150);
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Failed);
      expect(state.disposed).toEqual(['db#1']);
      expect(() => container.get('db')).toThrow(ComponentNotReadyError);
      expect(warmup.getStatus('repo')).toBe(ComponentStatus.Degraded);
      expect(warmup.getStatus('api')).toBe(ComponentStatus.Degraded);
      expect(warmup.getStatus('cache')).toBe(ComponentStatus.Ready);
      const api = events.find((e) => e.name === 'api')!;
      expect(api.error).toBeInstanceOf(DependencyFailedError);
      expect((api.error as DependencyFailedError).path).toEqual(['api', 'repo', 'db']);
      const report = warmup.report();
      expect(report.components.repo).toMatchObject({ status: 'degraded', errorCode: ErrorCode.DependencyFailed });
      expect(report.components.api!.lastError).toMatch(/^Dependency failed: api ← repo ← db/);
      expect(warmup.unrecoverable).toEqual(['db']);
    });

    it('keeps the dependents Degraded even when their own checks pass', async () => {
      const { warmup, state } = await service();
      warmup.monitor({ interval: 50, failureThreshold: 1, successThreshold: 1 });
      state.healthy = false;
      await jest.advanceTimersByTimeAsync(1_000);
      expect(warmup.getStatus('repo')).toBe(ComponentStatus.Degraded);
    });
  });

  describe('with restart', () => {
    it('rebuilds it, then its dependents after it, with the new instance', async () => {
      const { container, warmup, state } = await service({ restart: true });
      const oldApi = container.get<{ repo: { pool: Pool } }>('api');
      const order: string[] = [];
      warmup.events$.subscribe((e) => e.type === 'status' && order.push(`${e.name}:${e.status}`));
      state.healthy = false;
      await jest.advanceTimersByTimeAsync(150);
      expect(state.built).toBe(2);
      expect(state.disposed).toEqual(['api', 'repo', 'db#1']); // dependents first
      const api = container.get<{ repo: { pool: Pool } }>('api');
      expect(api).not.toBe(oldApi);
      expect(api.repo.pool).toEqual({ id: 2, ended: false });
      expect(api.repo.pool).toBe(container.get('db'));
      expect(['db', 'repo', 'api'].map((t) => warmup.getStatus(t))).toEqual(['ready', 'ready', 'ready']);
      const readyOrder = order.filter((e) => e.endsWith(':ready')).map((e) => e.split(':')[0]);
      expect(readyOrder).toEqual(['db', 'repo', 'api']); // dependencies first
      expect(warmup.unrecoverable).toEqual([]);
      await settle(warmup.shutdown());
      expect(state.disposed.slice(3)).toEqual(['api', 'repo', 'db#2']);
    });

    it('gives it up when the rebuild fails: its dependents fail with it', async () => {
      const { warmup, state } = await service({ restart: true, rebuildFails: true });
      state.healthy = false;
      await jest.advanceTimersByTimeAsync(150);
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Failed);
      expect(warmup.report().components.db!.lastError).toBe('server gone');
      expect(warmup.getStatus('api')).toBe(ComponentStatus.Failed);
      expect(warmup.report().components.api!.errorCode).toBe(ErrorCode.DependencyFailed);
      expect(warmup.unrecoverable).toEqual(['db', 'repo', 'api']);
    });
  });

  it.each<[string, unknown]>([
    ['restart', 'yes'],
    ['failureThreshold', 1.5],
    ['recoveryAttempts', -1],
    ['interval', 0],
    ['backoff', null],
  ])('rejects the monitor option %s: %p', (option, value) => {
    expect(() => new Warmup(new Container()).monitor({ [option]: value })).toThrow(InvalidOptionError);
  });
});
