import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { inject, injectable } from 'inversify';
import { Component } from '../../../src/component/Component.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import type { ComponentOptions } from '../../../src/component/ComponentOptions.js';
import { componentDefaults } from '../../../src/component/defaults.js';
import { Priority } from '../../../src/component/Priority.js';
import { toComponentSpec, type Registrable } from '../../../src/component/toComponentSpec.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';

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

/** The settings every component has (shared between components with the same ones). */
function common(spec: ReturnType<typeof toComponentSpec>) {
  const { priority, timeout, required, retry, health } = spec;
  return { priority, timeout, required, retry, tags: health.tags, checks: health.checks.length };
}

describe('toComponentSpec: the common fields', () => {
  it('a plain class reads its defaults, its own class as token and name, and no definition', () => {
    @injectable()
    class Db {}
    const spec = toComponentSpec(Db, 7);
    expect(spec).toMatchObject({ index: 7, token: Db, name: 'Db', ctor: Db, definition: undefined, dependsOn: [], injections: [] });
    expect(common(spec)).toEqual({
      priority: componentDefaults.priority,
      timeout: componentDefaults.timeout,
      required: componentDefaults.required,
      retry: { count: componentDefaults.retries, delay: 1_000, factor: 2, maxDelay: 30_000, jitter: 0 },
      tags: [],
      checks: 0,
    });
  });

  it('a class reads every common option from @Component, and its constructor injections', () => {
    @Component({ name: 'primary-db', token: 'db', priority: Priority.CRITICAL, timeout: 900, required: false, retries: 2, backoff: { delay: 5, factor: 3 }, dependsOn: ['config'], health: { tags: ['storage'] } })
    class Db {
      constructor(@inject('config') readonly config: unknown) {}
    }
    const spec = toComponentSpec(Db, 0);
    expect(spec).toMatchObject({ token: 'db', name: 'primary-db', ctor: Db, dependsOn: ['config'], injections: [{ id: 'config', optional: false }] });
    expect(common(spec)).toEqual({ priority: Priority.CRITICAL, timeout: 900, required: false, retry: { count: 2, delay: 5, factor: 3, maxDelay: 30_000, jitter: 0 }, tags: ['storage'], checks: 0 });
  });

  it('a class without a name is named by its index', () => {
    const Anonymous = (() => class {})();
    injectable()(Anonymous);
    expect(Anonymous.name).toBe('');
    expect(toComponentSpec(Anonymous, 4).name).toBe('component#4');
  });

  it('a definition keeps itself as the definition, has no ctor and no injections', () => {
    const definition: ComponentDefinition = { token: 'cache', load: () => 1, priority: Priority.LOW, dependsOn: ['db'], required: false };
    const spec = toComponentSpec(definition, 2);
    expect(spec).toMatchObject({ index: 2, token: 'cache', name: 'cache', ctor: undefined, definition, dependsOn: ['db'], injections: [] });
    expect(spec.priority).toBe(Priority.LOW);
    expect(spec.required).toBe(false);
  });

  it.each<[string, ComponentDefinition, string]>([
    ['its own name', { token: 'db', name: 'Database', load: () => 1 }, 'Database'],
    ['a string token', { token: 'db', load: () => 1 }, 'db'],
    ['a described symbol', { token: Symbol('cache'), load: () => 1 }, 'cache'],
    ['a symbol without a description, with its index', { token: Symbol(), load: () => 1 }, 'Symbol(#5)'],
    ['a class token', { token: class Queue {}, load: () => 1 }, 'Queue'],
  ])('a definition is named by %s', (_what, definition, name) => {
    expect(toComponentSpec(definition, 5).name).toBe(name);
  });
});

describe('toComponentSpec: bad items', () => {
  function thrownBy(item: unknown, index = 2): InvalidOptionError {
    let thrown: unknown;
    try {
      toComponentSpec(item as Registrable, index);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    return thrown as InvalidOptionError;
  }
  const firstLine = (error: Error): string => error.message.split('\n')[0]!;

  it.each<[string, unknown, string]>([
    ['a number', 5, 'got 5'],
    ['null', null, 'got null'],
    ['a string', 'db', 'got "db"'],
    ['an object without token', { load: () => 1 }, 'got object'],
    ['an object without load', { token: 'db' }, 'got object'],
  ])('%s is neither a class nor a definition, named by its index', (_what, item, got) => {
    const error = thrownBy(item);
    expect(firstLine(error)).toBe(`Option 'register' of 'item #2' takes @Component classes or definitions ({ token, load }); ${got}`);
    expect(error.option).toBe('register');
    expect(error.component).toBe('item #2');
  });

  it('a definition with an undefined or null token is named by its name, or by its index', () => {
    const named = thrownBy({ token: undefined, name: 'db', load: () => 1 });
    expect(firstLine(named)).toBe("Option 'token' of 'db' must be a string, symbol or class; got undefined");
    const unnamed = thrownBy({ token: null, load: () => 1 }, 9);
    expect(firstLine(unnamed)).toBe("Option 'token' of 'item #9' must be a string, symbol or class; got null");
  });

  it('a definition whose load is no function says what it got, named by its name or its token', () => {
    expect(firstLine(thrownBy({ token: 'db', load: 'connect' }))).toBe(`Option 'load' of 'db' must be a function; got "string"`);
    expect(firstLine(thrownBy({ token: Symbol('cache'), load: undefined }))).toBe(`Option 'load' of 'cache' must be a function; got "undefined"`);
    expect(thrownBy({ token: 'db', name: 'Database', load: 5 }).component).toBe('Database');
  });

  it('a definition with inject is told to use dependsOn', () => {
    const error = thrownBy({ token: 'db', load: () => 1, inject: ['config'] });
    expect(firstLine(error)).toBe("Option 'inject' of 'db' is for classes; a loader gets its dependencies with ctx.get; got object");
    expect(error.hint).toBe("list them in 'dependsOn'.");
  });

  it("a definition's bad option is checked under the definition's name", () => {
    const error = thrownBy({ token: Symbol(), load: () => 1, timeout: 0 }, 3);
    expect(error.option).toBe('timeout');
    expect(error.component).toBe('Symbol(#3)');
  });
});

describe('toComponentSpec: shared settings', () => {
  /** Mostly left out, so that consecutive components often share all but one setting. */
  const rarely = <T,>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
  const settingsArb = fc.record({
    priority: fc.constantFrom(Priority.HIGH, Priority.MEDIUM),
    timeout: rarely(fc.constantFrom(100, 200)),
    required: rarely(fc.boolean()),
    retries: rarely(fc.constantFrom(0, 1)),
    health: rarely(fc.constantFrom({ tags: ['a'] }, { tags: ['b'] })),
    memoryMb: rarely(fc.constantFrom(1, 2)),
  });

  const given = (o: object): object => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  it('interleaved components of one priority each read back their own settings', () => {
    fc.assert(
      fc.property(fc.array(settingsArb, { minLength: 1, maxLength: 12 }), (list) => {
        // An option drawn as undefined is left out, as a user leaves it out.
        const specs = list.map((options, k) => toComponentSpec({ token: `c${k}`, load: () => k, ...given(options) }, k));
        specs.forEach((spec, k) => {
          const o = list[k]!;
          expect(common(spec)).toEqual({
            priority: o.priority ?? componentDefaults.priority,
            timeout: o.timeout ?? componentDefaults.timeout,
            required: o.required ?? componentDefaults.required,
            retry: expect.objectContaining({ count: o.retries ?? 0 }),
            tags: o.health?.tags ?? [],
            checks: 0,
          });
          expect(spec.memoryMb).toBe(o.memoryMb ?? componentDefaults.memoryMb);
        });
      }),
      { numRuns: 300 },
    );
  });
});
