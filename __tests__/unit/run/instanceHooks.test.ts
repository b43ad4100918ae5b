import { describe, expect, it } from '@jest/globals';
import { preDestroy } from 'inversify';
import { Component } from '../../../src/component/Component.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { disposeHookOf, healthHookOf, primeHookOf, warmupHookOf } from '../../../src/run/instanceHooks.js';

const definitionSpec = (extra: object = {}) => toComponentSpec({ token: 'db', load: () => 1, ...extra }, 0);
const classSpec = <T extends new () => object>(ctor: T) => toComponentSpec(Component()(ctor), 0);
const signal = new AbortController().signal;

describe('healthHookOf', () => {
  it("should call the definition's healthCheck with the instance and the signal", () => {
    const seen: unknown[] = [];
    const hook = healthHookOf(definitionSpec({ healthCheck: (i: unknown, s: AbortSignal) => (seen.push(i, s), 0.5) }), 'I');
    expect(hook?.('I', signal)).toBe(0.5);
    expect(seen).toEqual(['I', signal]);
  });

  it("should call a class instance's checkHealth(signal), and find none on a class instance without it", () => {
    const spec = classSpec(class Db {});
    const instance = { checkHealth: (s: AbortSignal) => s === signal };
    expect(healthHookOf(spec, instance)?.(instance, signal)).toBe(true);
    expect(healthHookOf(spec, {})).toBeUndefined();
    expect(healthHookOf(spec, null)).toBeUndefined();
  });

  it("should not take a definition's value for a class instance: its checkHealth is no hook", () => {
    expect(healthHookOf(definitionSpec(), { checkHealth: () => false })).toBeUndefined();
  });
});

describe('disposeHookOf', () => {
  it("should call the definition's onShutdown with the instance", async () => {
    const seen: unknown[] = [];
    const hook = disposeHookOf(definitionSpec({ onShutdown: (i: unknown) => void seen.push(i) }), 'I');
    await hook?.('I');
    expect(seen).toEqual(['I']);
  });

  it('should find nothing to call on a class instance without onShutdown or @preDestroy, or on a definition value', () => {
    class Plain {}
    expect(disposeHookOf(classSpec(Plain), new Plain())).toBeUndefined();
    expect(disposeHookOf(classSpec(Plain), null)).toBeUndefined();
    expect(disposeHookOf(definitionSpec(), { onShutdown: () => undefined })).toBeUndefined();
  });

  it('should call onShutdown, awaited, then each @preDestroy method once, on the instance', async () => {
    const calls: string[] = [];
    class Db {
      async onShutdown(): Promise<void> {
        await Promise.resolve();
        calls.push(`onShutdown(${this instanceof Db})`);
      }
      @preDestroy()
      close(): void {
        calls.push(`close(${this instanceof Db})`);
      }
    }
    const instance = new Db();
    const hook = disposeHookOf(classSpec(Db), instance);
    expect(hook).toBeDefined();
    await hook!(instance);
    expect(calls).toEqual(['onShutdown(true)', 'close(true)']);
  });

  it('should call a @preDestroy method of a class without onShutdown', async () => {
    const calls: string[] = [];
    class Pool {
      @preDestroy()
      drain(): void {
        calls.push('drain');
      }
    }
    const instance = new Pool();
    await disposeHookOf(classSpec(Pool), instance)?.(instance);
    expect(calls).toEqual(['drain']);
  });

  it('should call onShutdown once when it is also marked @preDestroy', async () => {
    let calls = 0;
    class Db {
      @preDestroy()
      onShutdown(): void {
        calls++;
      }
    }
    const instance = new Db();
    await disposeHookOf(classSpec(Db), instance)?.(instance);
    expect(calls).toBe(1);
  });
});

describe('primeHookOf', () => {
  it("should call the definition's prime with the instance and the signal", () => {
    const seen: unknown[] = [];
    const hook = primeHookOf(definitionSpec({ prime: (i: unknown, s: AbortSignal) => (seen.push(i, s), 'primed') }), 'I');
    expect(hook?.(signal)).toBe('primed');
    expect(seen).toEqual(['I', signal]);
  });

  it("should call a class instance's prime(signal) on the instance", () => {
    class Cache {
      prime(s: AbortSignal): unknown {
        return [this, s];
      }
    }
    const instance = new Cache();
    expect(primeHookOf(classSpec(Cache), instance)?.(signal)).toEqual([instance, signal]);
  });

  it('should find none on a class instance without prime, on null, or on a definition value', () => {
    class Plain {}
    expect(primeHookOf(classSpec(Plain), new Plain())).toBeUndefined();
    expect(primeHookOf(classSpec(Plain), { prime: 'not a function' })).toBeUndefined();
    expect(primeHookOf(classSpec(Plain), null)).toBeUndefined();
    expect(primeHookOf(definitionSpec(), { prime: () => 1 })).toBeUndefined();
  });
});

describe('warmupHookOf', () => {
  it('should call onWarmup(signal, ctx) on the instance, and find none without it, on null or undefined', () => {
    const instance = {
      onWarmup(s: AbortSignal, ctx: unknown): unknown {
        return [this, s, ctx];
      },
    };
    const ctx = {} as never;
    expect(warmupHookOf(instance)?.(signal, ctx)).toEqual([instance, signal, ctx]);
    expect(warmupHookOf({})).toBeUndefined();
    expect(warmupHookOf(null)).toBeUndefined();
    expect(warmupHookOf(undefined)).toBeUndefined();
  });
});
