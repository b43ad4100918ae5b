import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container, inject } from 'inversify';
import {
  BootCancelledError,
  Component,
  ComponentStatus,
  ErrorCode,
  InvalidOptionError,
  MissingInjectionMetadataError,
  Priority,
  Warmup,
  type WarmupOptions,
} from '../../src/index.js';
import { settle } from '../helpers/settle.js';

// Bad input gets a clear PreheatError and loses nothing: never a hang, a TypeError or an unhandled rejection.
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

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

function errorWithThrowingMessage(): Error {
  const error = new Error('x');
  Object.defineProperty(error, 'message', {
    get() {
      throw new Error('getter');
    },
  });
  return error;
}

describe('bad input', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('having a loader that rejects with something that cannot be read', () => {
    it.each([
      ['a revoked Proxy', revokedProxy],
      ['an Error whose message getter throws', errorWithThrowingMessage],
    ])('fails the component with %s as the cause, never hangs', async (_label, make) => {
      const thrown = make();
      const warmup = new Warmup(new Container()).register({ token: 'x', required: false, load: () => Promise.reject(thrown) });
      const report = await settle(warmup.boot());
      expect(warmup.getStatus('x')).toBe(ComponentStatus.Failed);
      expect(report.components.x!.errorCode).toBe(ErrorCode.LoadFailed);
      expect(report.components.x!.lastError).toMatch(/unreadable value/);
      const error = await warmup.getAsync('x').catch((e: unknown) => e);
      expect(((error as Error).cause as Error).cause).toBe(thrown);
    });

    it('fails a health check that throws a revoked Proxy as unhealthy', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'x',
        load: () => 1,
        healthCheck: () => {
          throw revokedProxy();
        },
      });
      await settle(warmup.boot());
      expect(warmup.getStatus('x')).toBe(ComponentStatus.Degraded);
      expect(warmup.report().components.x!.errorCode).toBe(ErrorCode.Unhealthy);
    });

    it('stops a component whose shutdown hook throws a revoked Proxy, recording the failure', async () => {
      const warmup = new Warmup(new Container()).register({
        token: 'x',
        load: () => 1,
        onShutdown: () => {
          throw revokedProxy();
        },
      });
      await settle(warmup.boot());
      const report = await settle(warmup.shutdown());
      expect(report.failed).toEqual(['x']);
      expect(report.components.x!.outcome).toBe('failed');
    });
  });

  describe('having a random source outside [0, 1)', () => {
    it.each([5, -1, Number.NaN, 1])('fails the retrying component with InvalidOptionError for %p', async (value) => {
      let calls = 0;
      const warmup = new Warmup(new Container(), { random: () => value }).register({
        token: 'x',
        required: false,
        retries: 2,
        backoff: { delay: 10, jitter: 0.5 },
        load: () => (calls++, Promise.reject(new Error('no'))),
      });
      const report = await settle(warmup.boot());
      expect(calls).toBe(1);
      expect(report.components.x!.errorCode).toBe(ErrorCode.InvalidOption);
      expect(report.components.x!.lastError).toMatch(/random/);
    });
  });

  describe('new Warmup', () => {
    it('rejects what is not a container', () => {
      expect(() => new Warmup(undefined as unknown as Container)).toThrow(InvalidOptionError);
      expect(() => new Warmup({} as Container)).toThrow(/container/);
    });

    it.each<[string, unknown]>([
      ['maxConcurrent', '4'],
      ['maxConcurrent', 0],
      ['maxConcurrent', 1.5],
      ['memoryBudgetMb', '100'],
      ['healthTimeout', -1],
      ['healthTimeout', Number.NaN],
      ['healthTimeout', 2 ** 31],
      ['shutdownTimeout', '10'],
      ['scheduler', {}],
      ['scheduler', null],
      ['random', 0.5],
      ['failFast', 'yes'],
      ['schedule', 'fast'],
      ['binding', 'sometimes'],
    ])('rejects %s: %p with InvalidOptionError naming it', (option, value) => {
      const attempt = () => new Warmup(new Container(), { [option]: value });
      expect(attempt).toThrow(InvalidOptionError);
      expect(attempt).toThrow(new RegExp(`Option '${option}'`));
    });

    it('rejects options that are not an object', () => {
      expect(() => new Warmup(new Container(), 'fast' as unknown as WarmupOptions)).toThrow(InvalidOptionError);
    });
  });

  describe('component options', () => {
    it.each<[string, unknown]>([
      ['backoff', null],
      ['backoff', 'fast'],
      ['backoff', [1]],
      ['retries', '2'],
      ['timeout', -1],
      ['timeout', Number.NaN],
      ['timeout', 2 ** 31],
    ])('rejects %s: %p at register', (option, value) => {
      const warmup = new Warmup(new Container());
      expect(() => warmup.register({ token: 'a', load: () => 1, [option]: value })).toThrow(InvalidOptionError);
    });
  });

  describe('tokens and names', () => {
    it('accepts two description-less Symbol() tokens as two components', async () => {
      const a = Symbol();
      const b = Symbol();
      const container = new Container();
      const warmup = new Warmup(container).register({ token: a, load: () => 'a' }, { token: b, load: () => 'b' });
      const report = await settle(warmup.boot());
      expect(report.readyCount).toBe(2);
      expect(container.get(a)).toBe('a');
      expect(container.get(b)).toBe('b');
      expect(Object.keys(report.components)).toHaveLength(2);
    });
  });

  describe('classes whose constructor parameters cannot be injected', () => {
    it('rejects an undecorated class with constructor parameters at register, naming it and the parameter', () => {
      class Db {
        constructor(readonly url: string) {}
      }
      const warmup = new Warmup(new Container());
      const error = (() => {
        try {
          warmup.register(Db);
        } catch (e) {
          return e;
        }
        return undefined;
      })() as MissingInjectionMetadataError;
      expect(error).toBeInstanceOf(MissingInjectionMetadataError);
      expect(error.code).toBe('PREHEAT_MISSING_INJECTION_METADATA');
      expect(error.component).toBe('Db');
      expect(error.parameter).toBe(0);
      expect(error.message).toMatch(/@Component/);
    });

    it('rejects a parameter typed as an interface (TypeScript emits Object)', () => {
      interface Clock {
        now(): number;
      }
      @Component()
      class Scheduler {
        constructor(readonly clock: Clock) {}
      }
      expect(() => new Warmup(new Container()).register(Scheduler)).toThrow(/parameter #0 of 'Scheduler'.*no runtime token/);
    });

    it('accepts an interface-typed parameter given a token with @inject', async () => {
      interface Clock {
        now(): number;
      }
      @Component()
      class Scheduler {
        constructor(@inject('clock') readonly clock: Clock) {}
      }
      const warmup = new Warmup(new Container()).register({ token: 'clock', load: () => ({ now: () => 1 }) }, Scheduler);
      await settle(warmup.boot());
      expect(warmup.getComponent<Scheduler>(Scheduler)!.clock.now()).toBe(1);
    });

    it('registers nothing of a call that holds one such class', () => {
      class Bad {
        constructor(readonly x: number) {}
      }
      const warmup = new Warmup(new Container());
      expect(() => warmup.register({ token: 'good', load: () => 1 }, Bad)).toThrow(MissingInjectionMetadataError);
      expect(() => warmup.getStatus('good')).toThrow(/No component 'good'/);
    });
  });

  describe('waiting helpers', () => {
    it.each([99, 'HIGH', -1, 1.5, Priority.DEFERRED])('waitFor(%p) rejects with InvalidOptionError instead of waiting forever', async (priority) => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      await expect(warmup.waitFor(priority as Priority)).rejects.toBeInstanceOf(InvalidOptionError);
    });

    it.each([2 ** 31, -1, Number.NaN, '10'])('whenReady rejects the timeout %p', (timeout) => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      expect(() => warmup.whenReady('a', { timeout: timeout as number })).toThrow(InvalidOptionError);
    });

    it.each([2 ** 31, -1, Number.NaN])('waitFor rejects the timeout %p', async (timeout) => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      await expect(warmup.waitFor(Priority.CRITICAL, { timeout })).rejects.toBeInstanceOf(InvalidOptionError);
    });

    it('whenReady with the largest timer waits, it does not reject after 1 ms', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => new Promise((r) => setTimeout(() => r(1), 1_000)) });
      const waiting = warmup.whenReady('a', { timeout: 2 ** 31 - 1 });
      void warmup.boot();
      await expect(settle(waiting)).resolves.toBe(1);
    });

    it('waitFor during shutdown rejects as a cancellation, not as a failed required component', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'a', priority: Priority.CRITICAL, load: () => 1 },
        { token: 'slow', priority: Priority.HIGH, load: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))) },
      );
      const booting = warmup.boot().catch((e: unknown) => e);
      const waiting = warmup.waitFor(Priority.HIGH).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(10);
      void warmup.shutdown();
      const error = (await settle(waiting)) as Error;
      expect(error).toBeInstanceOf(BootCancelledError);
      expect(error.message).not.toMatch(/required .*component .*failed/);
      expect(error.message).toMatch(/nothing failed/);
      await settle(booting);
    });
  });
});
