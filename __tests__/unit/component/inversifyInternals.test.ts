import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { bindingScopeValues, bindingTypeValues, Container, inject, injectable, named, optional, postConstruct, preDestroy, unmanaged } from 'inversify';
import {
  classMetadataKey,
  injectableFlagKey,
  isInjectable,
  isPluginKey,
  isPromiseLike,
  readClassMetadata,
  resolvingAsynchronously,
  unmanagedKind,
  unwrapLifecycleError,
} from '../../../src/component/inversifyInternals.js';

// Pins what preheat reads of inversify's internals against the installed inversify: an upgrade that
// changes one of these fails here, not in a user's boot.
describe('inversify internals (installed inversify)', () => {
  it('stores class metadata under the key preheat reads, in the shape it reads', () => {
    @injectable()
    class Dep {}
    @injectable()
    class Target {
      @inject(Dep) readonly prop!: Dep;
      constructor(@inject(Dep) readonly a: Dep, @optional() @inject('maybe') readonly b: unknown, @unmanaged() readonly c: unknown) {}
      @postConstruct() init(): void {}
      @preDestroy() close(): void {}
    }
    const metadata = readClassMetadata(Target)!;
    expect(Reflect.getOwnMetadata(classMetadataKey, Target)).toBe(metadata);
    expect(metadata.constructorArguments[0]).toMatchObject({ kind: 1, optional: false, value: Dep });
    expect(metadata.constructorArguments[1]).toMatchObject({ optional: true, value: 'maybe' });
    expect(metadata.constructorArguments[2]).toMatchObject({ kind: unmanagedKind });
    expect(metadata.properties.get('prop')).toMatchObject({ value: Dep });
    expect([...metadata.lifecycle!.postConstructMethodNames!]).toEqual(['init']);
    expect([...metadata.lifecycle!.preDestroyMethodNames!]).toEqual(['close']);
  });

  it('flags @injectable classes under the key preheat reads', () => {
    class Plain {}
    expect(isInjectable(Plain)).toBe(false);
    injectable()(Plain);
    expect(isInjectable(Plain)).toBe(true);
    expect(Reflect.getOwnMetadata(injectableFlagKey, Plain)).toBe(true);
  });

  it('recognises a plugin by the symbol preheat uses, and hands it the BindingService preheat hooks', () => {
    let context: { bindingService?: Record<string, unknown> } | undefined;
    class Probe {
      readonly [isPluginKey] = true;
      constructor(_container: Container, ctx: { bindingService?: Record<string, unknown> }) {
        context = ctx;
      }
      load(): void {}
    }
    const container = new Container();
    container.register(Probe);
    const service = context!.bindingService!;
    for (const method of ['getNonParentBindings', 'set', 'clone', 'removeById']) expect(typeof service[method]).toBe('function');
    container.bind('x').toConstantValue(1);
    expect(container.isBound('x')).toBe(true);
    container.unbind('x');
    // preheat remakes a component binding on a miss: a removed token must read as undefined.
    expect((service.getNonParentBindings as (id: string) => unknown)('x')).toBeUndefined();
  });

  it('hands a plugin the ActivationsService and plan cache preheat hooks, live across restore()', () => {
    let context: { activationService: Record<string, unknown>; planResultCacheService: Record<string, unknown> } | undefined;
    class Probe {
      readonly [isPluginKey] = true;
      constructor(_container: Container, ctx: typeof context) {
        context = ctx;
      }
      load(): void {}
    }
    const container = new Container();
    container.register(Probe);
    for (const method of ['get', 'add']) expect(typeof context!.activationService[method]).toBe('function');
    for (const method of ['getByServiceIdentifier', 'set', 'invalidateServiceBinding']) expect(typeof context!.planResultCacheService[method]).toBe('function');
    // container.onActivation(id, …) goes through add(activation, { serviceId }): ready-made plans drop on it.
    const service = context!.activationService;
    const relations: unknown[] = [];
    const add = (service.add as (a: unknown, r: unknown) => void).bind(service);
    service.add = (activation: unknown, relation: unknown) => (relations.push(relation), add(activation, relation));
    const handler = (_ctx: unknown, value: unknown) => value;
    container.onActivation('x', handler);
    expect(relations).toEqual([expect.objectContaining({ serviceId: 'x' })]);
    expect([...((service.get as (id: string) => Iterable<unknown>)('x') ?? [])]).toEqual([handler]);
    // restore() puts in the snapshot's service: the context's getter must read the live one.
    container.snapshot();
    container.restore();
    expect(context!.activationService).not.toBe(service);
  });

  it('builds singleton dynamic values with the scope and type names preheat writes', () => {
    expect(bindingScopeValues.Singleton).toBe('Singleton');
    expect(bindingTypeValues.DynamicValue).toBe('DynamicValue');
  });

  it("wraps a throwing @postConstruct in an error preheat unwraps to the user's own", async () => {
    const thrown = new Error('mine');
    @injectable()
    class Sync {
      @postConstruct() init(): void {
        throw thrown;
      }
    }
    @injectable()
    class Async {
      @postConstruct() async init(): Promise<void> {
        await Promise.resolve();
        throw thrown;
      }
    }
    const container = new Container();
    container.bind(Sync).toSelf();
    container.bind(Async).toSelf();
    let syncError: unknown;
    try {
      container.get(Sync);
    } catch (error) {
      syncError = error;
    }
    const asyncError = await container.getAsync(Async).catch((e: unknown) => e);
    expect(syncError).not.toBe(thrown);
    expect(unwrapLifecycleError(syncError)).toBe(thrown);
    expect(unwrapLifecycleError(asyncError)).toBe(thrown);
    expect(unwrapLifecycleError(thrown)).toBe(thrown);
  });

  it('tells get from getAsync inside a binding, also nested and in a continuation', async () => {
    const seen: Record<string, boolean> = {};
    const container = new Container();
    container.bind('probe').toDynamicValue(() => resolvingAsynchronously());
    container.bind('viaGet').toDynamicValue((ctx) => ctx.get('probe'));
    container.bind('viaGetAsync').toDynamicValue(async (ctx) => {
      await Promise.resolve();
      return ctx.getAsync('probe');
    });
    seen.get = container.get('probe');
    seen.getAsync = await container.getAsync('probe');
    seen.nestedGet = await container.getAsync('viaGet');
    seen.continuationGetAsync = await container.getAsync('viaGetAsync');
    seen.getAll = container.getAll<boolean>('probe')[0]!;
    seen.child = await new Container({ parent: container }).getAsync('probe');
    expect(seen).toEqual({ get: false, getAsync: true, nestedGet: false, continuationGetAsync: true, getAll: false, child: true });
  });
});

// What readInjections takes for granted of the metadata inversify records: an @unmanaged argument
// carries no token, a managed one always a `tags` map, and class metadata always a `lifecycle`.
describe('inversify element metadata (installed inversify)', () => {
  it('should record an @unmanaged argument without a token, a managed one with a tags map, and a lifecycle always', () => {
    @injectable()
    class Dep {}
    @injectable()
    class Target {
      @inject(Dep) readonly prop!: Dep;
      constructor(@unmanaged() readonly u: unknown, @inject(Dep) @named('n') readonly d: Dep) {}
    }
    const metadata = readClassMetadata(Target)!;
    expect(metadata.constructorArguments[0]).toStrictEqual({ kind: unmanagedKind });
    expect(metadata.constructorArguments[1]).toMatchObject({ name: 'n', tags: new Map() });
    expect(metadata.properties.get('prop')).toMatchObject({ tags: new Map() });
    expect(metadata.lifecycle).toStrictEqual({ postConstructMethodNames: new Set(), preDestroyMethodNames: new Set() });
  });
});

describe('isPromiseLike', () => {
  it('should accept anything with a then method, objects and functions alike', () => {
    const thenableFunction = Object.assign(() => undefined, { then: () => undefined });
    expect([isPromiseLike(Promise.resolve(1)), isPromiseLike({ then: () => undefined }), isPromiseLike(thenableFunction)]).toEqual([true, true, true]);
  });

  it('should refuse null, undefined, primitives, and objects or functions without a then method', () => {
    const values: unknown[] = [null, undefined, 0, 'then', true, {}, { then: 1 }, () => undefined, Object.assign(() => undefined, { then: 'x' })];
    expect(values.map((value) => isPromiseLike(value))).toEqual(values.map(() => false));
  });
});

describe('resolvingAsynchronously', () => {
  it('should put back Error.prepareStackTrace and Error.stackTraceLimit as they were', () => {
    const previous = Error.prepareStackTrace;
    const limit = Error.stackTraceLimit;
    const custom = (): string => 'custom';
    try {
      Error.prepareStackTrace = custom;
      Error.stackTraceLimit = 7;
      resolvingAsynchronously();
      expect([Error.prepareStackTrace, Error.stackTraceLimit]).toEqual([custom, 7]);
    } finally {
      Error.prepareStackTrace = previous;
      Error.stackTraceLimit = limit;
    }
  });

  it('should answer asynchronously when no resolution entry point is on the stack (a promise continuation)', async () => {
    await Promise.resolve();
    expect(resolvingAsynchronously()).toBe(true);
  });

  it('should go by the innermost entry point: getAsync inside a binding resolved by get', async () => {
    const container = new Container();
    container.bind('probe').toDynamicValue(() => resolvingAsynchronously());
    container.bind('outer').toDynamicValue((ctx) => ({ inner: ctx.getAsync<boolean>('probe'), sync: ctx.get<boolean>('probe') }));
    const outer = container.get<{ inner: Promise<boolean>; sync: boolean }>('outer');
    expect([await outer.inner, outer.sync]).toEqual([true, false]);
  });

  it('should read the function name of a call without a receiver, and only its last segment', () => {
    // Called without a receiver, a call site has no method name: the function's name stands in,
    // V8's inferred `entry.api.getAsync` for an anonymous function assigned to a property.
    const entry: { api: { getAsync?: () => boolean } } = { api: {} };
    entry.api.getAsync = function () {
      return resolvingAsynchronously();
    };
    const { getAsync: lastSegment } = entry.api;
    function get(): boolean {
      return resolvingAsynchronously();
    }
    function getAll(): boolean {
      return lastSegment();
    }
    expect([get(), getAll()]).toEqual([false, true]);
  });
});

describe('unwrapLifecycleError', () => {
  const brand = Symbol.for('@inversifyjs/core/InversifyCoreError');
  const wording = 'Unexpected error found when calling "init" @postConstruct decorated method on class "Db"';
  const cause = new Error('mine');

  it("should leave an inversify error that wraps no lifecycle failure as it is", () => {
    let unbound: unknown;
    try {
      new Container().get('nope');
    } catch (error) {
      unbound = error;
    }
    expect((unbound as Record<symbol, unknown>)[brand]).toBe(true);
    expect(unwrapLifecycleError(unbound)).toBe(unbound);
    const other = Object.assign(new Error('Something else', { cause }), { [brand]: true });
    expect(unwrapLifecycleError(other)).toBe(other);
  });

  it("should unwrap only inversify's own errors in the wrapper's wording, with a cause", () => {
    const wrapper = Object.assign(new Error(wording, { cause }), { [brand]: true });
    const notInversifys = new Error(wording, { cause });
    const noCause = Object.assign(new Error(wording), { [brand]: true });
    const notAString = Object.assign(new Error('x', { cause }), { [brand]: true, message: new String(wording) });
    const aFunction = Object.assign(() => undefined, { [brand]: true, message: wording, cause });
    expect(unwrapLifecycleError(wrapper)).toBe(cause);
    for (const error of [notInversifys, noCause, notAString, aFunction]) expect(unwrapLifecycleError(error)).toBe(error);
  });

  it('should leave null, undefined and primitives as they are', () => {
    const values: unknown[] = [null, undefined, 'boom', 42];
    expect(values.map((value) => unwrapLifecycleError(value))).toEqual(values);
  });

  it('should leave as it is what cannot be inspected: a revoked proxy, a throwing getter', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const throwing = Object.defineProperty({}, brand, {
      get() {
        throw new Error('no');
      },
    });
    expect(unwrapLifecycleError(proxy)).toBe(proxy);
    expect(unwrapLifecycleError(throwing)).toBe(throwing);
  });
});
