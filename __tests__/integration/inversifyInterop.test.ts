import { describe, expect, it } from '@jest/globals';
import { Container, inject, postConstruct, preDestroy } from 'inversify';
import { Component, ComponentStatus, UnknownComponentError, Warmup } from '../../src/index.js';

describe('inversify interop', () => {
  it('awaits an async @postConstruct and calls @preDestroy at shutdown', async () => {
    const calls: string[] = [];
    @Component({ name: 'Pool' })
    class Pool {
      ready = false;
      @postConstruct()
      async init(): Promise<void> {
        await new Promise((r) => setTimeout(r, 5));
        this.ready = true;
        calls.push('postConstruct');
      }
      onWarmup(): void {
        calls.push(`onWarmup ready=${this.ready}`);
      }
      @preDestroy()
      close(): void {
        calls.push('preDestroy');
      }
    }
    const container = new Container();
    const warmup = new Warmup(container).register(Pool);
    await warmup.boot();
    expect(container.get(Pool).ready).toBe(true);
    await warmup.shutdown();
    expect(calls).toEqual(['postConstruct', 'onWarmup ready=true', 'preDestroy']);
  });

  it('accepts symbol tokens, and names as ids', async () => {
    const CACHE = Symbol('cache');
    @Component({ name: 'Consumer' })
    class Consumer {
      constructor(@inject(CACHE) readonly cache: Map<string, string>) {}
    }
    const container = new Container();
    const warmup = new Warmup(container).register({ token: CACHE, load: () => new Map([['k', 'v']]) }, Consumer);
    await warmup.boot();
    expect(warmup.getStatus(CACHE)).toBe(ComponentStatus.Ready);
    expect(warmup.getStatus('cache')).toBe(ComponentStatus.Ready); // the symbol's description is its name
    expect(warmup.getStatus('Consumer')).toBe(ComponentStatus.Ready);
    expect(container.get(Consumer).cache.get('k')).toBe('v');
    expect(() => warmup.isReady('nope')).toThrow(UnknownComponentError);
  });

  it('keeps resolving the same warm singleton as inversify caches it', async () => {
    @Component({ name: 'Heavy' })
    class Heavy {}
    const container = new Container();
    await new Warmup(container).register(Heavy).boot();
    const first = container.get(Heavy);
    for (let i = 0; i < 1_000; i++) expect(container.get(Heavy)).toBe(first);
  });
});

describe('class construction', () => {
  it('builds two classes at the same time, each its own instance', async () => {
    let built = 0;
    class Pool {
      readonly id = ++built;
      async onWarmup(): Promise<void> {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    @Component({ token: 'readPool', name: 'readPool' })
    class ReadPool extends Pool {}
    @Component({ token: 'writePool', name: 'writePool' })
    class WritePool extends Pool {}
    const container = new Container();
    await new Warmup(container).register(ReadPool, WritePool).boot();
    const read = container.get<Pool>('readPool');
    const write = container.get<Pool>('writePool');
    expect(read).toBeInstanceOf(ReadPool);
    expect(write).toBeInstanceOf(WritePool);
    expect(new Set([read.id, write.id]).size).toBe(2);
    expect(() => container.get(ReadPool)).toThrow(); // only its token is bound, not the class
  });

  it('retries a construction that timed out while the first one is still running', async () => {
    let built = 0;
    const disposed: number[] = [];
    @Component({ name: 'Slow', timeout: 30, retries: 1, backoff: { delay: 0 } })
    class Slow {
      readonly id = ++built;
      @postConstruct()
      async init(): Promise<void> {
        if (this.id === 1) await new Promise((r) => setTimeout(r, 150)); // the first one outlives its timeout
      }
      onShutdown(): void {
        disposed.push(this.id);
      }
    }
    const container = new Container();
    const report = await new Warmup(container).register(Slow).boot();
    expect(report.components.Slow?.attemptHistory.map((a) => a.outcome)).toEqual(['timeout', 'ready']);
    expect(container.get(Slow).id).toBe(2);
    for (let i = 0; i < 150 && disposed.length === 0; i++) await new Promise((r) => setTimeout(r, 20)); // generous: shared CI
    expect(disposed).toEqual([1]); // the late first instance was disposed, never handed out
  });
});
