import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container, postConstruct, preDestroy } from 'inversify';
import { Component, ComponentStatus, Warmup } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('class components', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('having an async @postConstruct that times out on the first attempt', () => {
    it('gives every dependent the instance container.get returns, built only by its own attempts', async () => {
      const built: Slow[] = [];
      const disposed: Slow[] = [];
      @Component({ timeout: 100, retries: 1, backoff: { delay: 10 } })
      class Slow {
        warmed = false;
        constructor() {
          built.push(this);
        }
        @postConstruct()
        async init(): Promise<void> {
          if (built.length === 1) await sleep(1_000); // the first attempt hangs past its timeout
          this.warmed = true;
        }
        @preDestroy()
        close(): void {
          disposed.push(this);
        }
      }
      @Component()
      class User {
        constructor(readonly slow: Slow) {}
      }
      const container = new Container();
      const warmup = new Warmup(container).register(Slow, User);
      await settle(warmup.boot());
      const slow = container.get(Slow);
      expect(slow.warmed).toBe(true);
      expect(container.get(User).slow).toBe(slow);
      expect(built).toHaveLength(2); // one per attempt, none for the dependent
      await jest.advanceTimersByTimeAsync(2_000); // the abandoned first attempt finishes
      expect(built).toHaveLength(2);
      expect(disposed).toEqual([built[0]]); // its late instance is disposed, the warm one is not
      expect(container.get(User).slow).toBe(slow);
      await settle(warmup.shutdown());
      expect(disposed).toEqual([built[0], slow]);
    });

    it('does not run onWarmup on the instance of an attempt that was already abandoned', async () => {
      const warmed: number[] = [];
      let built = 0;
      @Component({ timeout: 100, required: false })
      class Slow {
        readonly n = ++built;
        @postConstruct()
        async init(): Promise<void> {
          await sleep(1_000);
        }
        onWarmup(): void {
          warmed.push(this.n);
        }
      }
      const warmup = new Warmup(new Container()).register(Slow);
      await settle(warmup.boot());
      expect(warmup.getStatus(Slow)).toBe(ComponentStatus.Failed);
      await jest.advanceTimersByTimeAsync(2_000);
      expect(warmed).toEqual([]);
    });
  });

  describe('having an async @postConstruct that throws', () => {
    it("reports the user's own message and keeps the user's error as the cause", async () => {
      const thrown = new Error('cannot reach the cache');
      @Component({ required: false })
      class Cache {
        @postConstruct()
        async init(): Promise<void> {
          await Promise.resolve();
          throw thrown;
        }
      }
      @Component({ required: false })
      class SyncCache {
        @postConstruct()
        init(): void {
          throw new Error('sync init failed');
        }
      }
      const warmup = new Warmup(new Container()).register(Cache, SyncCache);
      const report = await settle(warmup.boot());
      expect(report.components.Cache!.lastError).toBe('cannot reach the cache');
      expect(report.components.SyncCache!.lastError).toBe('sync init failed');
      const error = await warmup.getAsync(Cache).catch((e: unknown) => e);
      expect((error as Error).cause).toMatchObject({ code: 'PREHEAT_LOAD_FAILED', cause: thrown });
    });
  });
});
