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
