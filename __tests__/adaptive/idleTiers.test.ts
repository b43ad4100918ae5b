import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentNotReadyError, InvalidOptionError, Priority, Warmup, type ComponentDefinition } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('hot / warm / cold tiers (idle)', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  let loads: string[];
  let released: string[];
  beforeEach(() => {
    loads = [];
    released = [];
  });
  const idleOne = (token: string, extra: Partial<ComponentDefinition> = {}): ComponentDefinition => ({
    token,
    idle: { after: 1_000 },
    load: async () => (loads.push(token), await sleep(50), { token }),
    onRelease: (instance: unknown) => void released.push((instance as { token: string }).token),
    ...extra,
  });

  it('should release after the idle time with no resolutions, explain container.get, and re-warm on getAsync', async () => {
    const container = new Container();
    const warmup = new Warmup(container).register(idleOne('model'));
    await settle(warmup.boot());
    await jest.advanceTimersByTimeAsync(900);
    container.get('model'); // a use resets the idle time
    await jest.advanceTimersByTimeAsync(1_000);
    expect(warmup.isReady('model')).toBe(true);
    await jest.advanceTimersByTimeAsync(1_100);
    expect(warmup.getStatus('model')).toBe('pending');
    expect(released).toEqual(['model']);
    const error = (() => {
      try {
        container.get('model');
      } catch (e) {
        return e as ComponentNotReadyError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ComponentNotReadyError);
    expect(error!.message).toMatch(/released for idleness .*getAsync\('model'\)/s);
    const again = await settle(warmup.getAsync<{ token: string }>('model'));
    expect(again.token).toBe('model');
    expect(loads).toEqual(['model', 'model']);
    expect(container.get('model')).toBe(again);
    await settle(warmup.shutdown());
  });

  it('should never release a component a usable one depends on, nor a pinned one', async () => {
    const warmup = new Warmup(new Container()).register(
      idleOne('lib'),
      { token: 'api', dependsOn: ['lib'], load: () => ({}) },
      idleOne('pinned'),
      idleOne('free'),
    );
    await settle(warmup.boot());
    warmup.pin('pinned');
    await jest.advanceTimersByTimeAsync(5_000);
    expect(warmup.isReady('lib')).toBe(true);
    expect(warmup.isReady('pinned')).toBe(true);
    expect(released).toEqual(['free']);
    await settle(warmup.shutdown());
  });

  it('should release the least recently used idle-capable components first when an on-demand load would exceed memoryBudgetMb', async () => {
    const warmup = new Warmup(new Container(), { memoryBudgetMb: 1_000 }).register(
      idleOne('old', { memoryMb: 400, idle: { after: 60_000 } }),
      idleOne('recent', { memoryMb: 400, idle: { after: 60_000 }, priority: Priority.DEFERRED }),
      { token: 'big', memoryMb: 400, priority: Priority.DEFERRED, load: () => ({}) },
    );
    await settle(warmup.boot());
    await jest.advanceTimersByTimeAsync(100);
    await settle(warmup.getAsync('recent'));
    await settle(warmup.getAsync('big'));
    expect(released).toEqual(['old']);
    expect(warmup.isReady('recent')).toBe(true);
    await settle(warmup.shutdown());
  });

  it('should reject an unusable idle option', () => {
    expect(() => new Warmup(new Container()).register({ token: 'x', idle: { after: -1 }, load: () => ({}) })).toThrow(InvalidOptionError);
  });
});
