import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { injectable } from 'inversify';
import { Component } from '../../../src/component/Component.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import type { ComponentOptions } from '../../../src/component/ComponentOptions.js';
import { componentDefaults } from '../../../src/component/defaults.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';

/** The options most components leave out (kept apart from the common ones inside a spec). */
const rareOptions = {
  optionalDependsOn: fc.constant(['maybe'] as const),
  maxTimeout: fc.integer({ min: 5_000, max: 60_000 }),
  enabled: fc.boolean(),
  memoryMb: fc.integer({ min: 1, max: 512 }),
  healthTimeout: fc.integer({ min: 1, max: 10_000 }),
  shutdownTimeout: fc.integer({ min: 1, max: 10_000 }),
  adaptive: fc.constant(false as const),
  cacheVersion: fc.oneof(fc.string({ minLength: 1 }), fc.integer({ min: 1 })),
  idle: fc.record({ after: fc.integer({ min: 1, max: 100_000 }) }),
};

/** What the spec reads for each rare option, given it or not. */
function expected(options: Partial<ComponentOptions> & { timeout?: number }) {
  return {
    optionalDependsOn: options.optionalDependsOn ?? [],
    maxTimeout: options.maxTimeout ?? options.timeout ?? componentDefaults.timeout,
    enabled: options.enabled ?? true,
    memoryMb: options.memoryMb ?? componentDefaults.memoryMb,
    healthTimeout: options.healthTimeout,
    shutdownTimeout: options.shutdownTimeout,
    adaptive: options.adaptive,
    cacheVersion: options.cacheVersion,
    idle: options.idle,
  };
}

function read(spec: ReturnType<typeof toComponentSpec>) {
  const { optionalDependsOn, maxTimeout, enabled, memoryMb, healthTimeout, shutdownTimeout, adaptive, cacheVersion, idle } = spec;
  return { optionalDependsOn, maxTimeout, enabled, memoryMb, healthTimeout, shutdownTimeout, adaptive, cacheVersion, idle };
}

describe('toComponentSpec: the options a component leaves out and the ones it gives', () => {
  it('a definition reads back every rare option it gave, and the default of each it left out', () => {
    fc.assert(
      fc.property(fc.record(rareOptions, { requiredKeys: [] }), fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }), (rare, timeout) => {
        const definition: ComponentDefinition = { token: 'db', load: () => 1, ...(timeout === undefined ? {} : { timeout }), ...rare };
        // maxTimeout below the timeout is invalid: only combine them when valid
        fc.pre(rare.maxTimeout === undefined || rare.maxTimeout >= (timeout ?? componentDefaults.timeout));
        const spec = toComponentSpec(definition, 0);
        expect(read(spec)).toEqual(expected({ ...rare, ...(timeout === undefined ? {} : { timeout }) }));
        expect(spec.timeout).toBe(timeout ?? componentDefaults.timeout);
        expect(spec.definition).toBe(definition);
      }),
    );
  });

  it('a class reads its rare options from @Component the same way', () => {
    @Component({ timeout: 2_000, idle: { after: 60_000 }, memoryMb: 64, shutdownTimeout: 3_000 })
    class Cache {}
    const spec = toComponentSpec(Cache, 3);
    expect(read(spec)).toEqual(expected({ timeout: 2_000, idle: { after: 60_000 }, memoryMb: 64, shutdownTimeout: 3_000 }));
    expect(spec.maxTimeout).toBe(2_000);
    expect(spec.ctor).toBe(Cache);
    expect(spec.index).toBe(3);
  });

  it('without any rare option every default holds, for a plain injectable class too', () => {
    @injectable()
    class Plain {}
    for (const spec of [toComponentSpec(Plain, 0), toComponentSpec({ token: 'x', load: () => 1, timeout: 1_234 }, 1)]) {
      expect(read(spec)).toEqual(expected({ timeout: spec.timeout }));
      expect(spec.maxTimeout).toBe(spec.timeout);
    }
  });
});
