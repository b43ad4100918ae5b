import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { bindingScopeValues, bindingTypeValues, Container, inject, injectable, optional, postConstruct, preDestroy, unmanaged } from 'inversify';
import {
  classMetadataKey,
  injectableFlagKey,
  isInjectable,
  isPluginKey,
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
