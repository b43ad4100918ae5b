import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container, ContainerModule, inject, injectable, type ServiceIdentifier } from 'inversify';
import { Component, ComponentNotReadyError, ComponentStatus, Priority, Warmup, type BindingStrategy } from '../../src/index.js';

// How component bindings behave under inversify's own container operations, in both binding modes.
describe.each<BindingStrategy>(['lazy', 'eager'])('component bindings (%s)', (binding) => {
  const booted = async (extra: (warmup: Warmup) => void = () => undefined) => {
    const container = new Container();
    const warmup = new Warmup(container, { binding });
    warmup.register({ token: 'a', load: () => ({ a: 1 }) }, { token: 'b', load: () => ({ b: 1 }) }, { token: 'late', priority: Priority.DEFERRED, load: () => ({ late: 1 }) });
    extra(warmup);
    await warmup.boot();
    return { container, warmup };
  };

  describe('snapshot() and restore()', () => {
    it('keeps every component bound, looked up before the snapshot or not', async () => {
      const { container, warmup } = await booted();
      container.get('a'); // looked up before the snapshot
      container.snapshot();
      container.bind('mine').toConstantValue(1);
      expect(container.get('b')).toBe(warmup.getComponent('b')); // looked up only after
      container.restore();
      expect(container.isBound('mine')).toBe(false);
      expect(container.get('a')).toBe(warmup.getComponent('a'));
      expect(container.get('b')).toBe(warmup.getComponent('b'));
      expect(container.isBound('late')).toBe(true);
      await expect(container.getAsync('late')).resolves.toEqual({ late: 1 });
    });

    it('supports the snapshot-in-beforeEach pattern over many rounds', async () => {
      const { container, warmup } = await booted();
      for (let round = 0; round < 5; round++) {
        container.snapshot();
        container.bind(`mock${round}`).toConstantValue(round);
        expect(container.get('a')).toBe(warmup.getComponent('a'));
        container.restore();
        expect(container.isBound(`mock${round}`)).toBe(false);
      }
      expect(container.get('b')).toBe(warmup.getComponent('b'));
    });

    it('never hands out an instance stopped after the snapshot', async () => {
      const { container, warmup } = await booted();
      container.get('a');
      container.snapshot();
      await warmup.shutdown();
      container.restore();
      expect(() => container.get('a')).toThrow(ComponentNotReadyError);
    });
  });

  describe('unbindAll() and unbind()', () => {
    it('removes your own bindings; component tokens stay bound to the Warmup', async () => {
      const { container, warmup } = await booted();
      container.get('a');
      container.bind('mine').toConstantValue(1);
      container.unbindAll();
      expect(container.isBound('mine')).toBe(false);
      expect(container.get('a')).toBe(warmup.getComponent('a'));
      expect(container.get('b')).toBe(warmup.getComponent('b'));
    });

    it('lets your own binding of a component token win after unbind (a test double)', async () => {
      const { container } = await booted();
      container.get('a');
      container.unbind('a');
      container.bind('a').toConstantValue('double');
      expect(container.get('a')).toBe('double');
    });
  });

  describe('getAsync on your container', () => {
    it('loads a DEFERRED component on demand; get still refuses it before', async () => {
      const { container } = await booted();
      expect(() => container.get('late')).toThrow(ComponentNotReadyError);
      await expect(container.getAsync('late')).resolves.toEqual({ late: 1 });
      expect(container.get('late')).toEqual({ late: 1 });
    });

    it('loads a DEFERRED component injected into a class you resolve with getAsync', async () => {
      @injectable()
      class Report {
        constructor(@inject('late') readonly late: { late: number }) {}
      }
      const { container } = await booted();
      container.bind(Report).toSelf();
      expect(() => container.get(Report)).toThrow(ComponentNotReadyError);
      const report = await container.getAsync(Report);
      expect(report.late).toEqual({ late: 1 });
    });

    it('defines no getAsync of its own: a plugin of yours may still define one', async () => {
      const { container } = await booted();
      expect(Object.hasOwn(container, 'getAsync')).toBe(false);
      const isPlugin = Symbol.for('@inversifyjs/plugin/isPlugin');
      class MyGetAsync {
        readonly [isPlugin] = true;
        load(api: { define(name: string, method: unknown): void }): void {
          api.define('getAsync', async (id: ServiceIdentifier) => ({ mine: id }));
        }
      }
      expect(() => container.register(MyGetAsync)).not.toThrow();
      await expect((container as unknown as { getAsync(id: string): Promise<unknown> }).getAsync('x')).resolves.toEqual({ mine: 'x' });
    });

    it('rejects with ComponentNotReadyError, with the cause, when the load fails', async () => {
      const container = new Container();
      const failure = new Error('no model');
      new Warmup(container, { binding }).register({ token: 'model', priority: Priority.DEFERRED, load: () => Promise.reject(failure) });
      const error = (await container.getAsync('model').catch((e: unknown) => e)) as ComponentNotReadyError;
      expect(error).toBeInstanceOf(ComponentNotReadyError);
      expect(error.status).toBe(ComponentStatus.Failed);
      expect((error.cause as Error).cause).toBe(failure);
    });

    it('runs your onActivation of a component token once, on the first resolution', async () => {
      const activated: unknown[] = [];
      const { container, warmup } = await booted();
      container.onActivation('a', (_ctx, value) => (activated.push(value), value));
      container.get('a');
      container.get('a');
      expect(activated).toEqual([warmup.getComponent('a')]);
    });

    it("runs a module's onActivation of a component token, loaded after boot", async () => {
      const { container, warmup } = await booted();
      container.load(new ContainerModule(({ onActivation }) => onActivation('b', (_ctx, value) => ({ wrapped: value }))));
      expect(container.get('b')).toEqual({ wrapped: warmup.getComponent('b') });
    });

    it('runs an onActivation added after restore(), on the first resolution', async () => {
      const { container, warmup } = await booted();
      container.snapshot();
      container.restore();
      const activated: unknown[] = [];
      container.onActivation('a', (_ctx, value) => (activated.push(value), value));
      expect(container.get('a')).toBe(warmup.getComponent('a'));
      expect(activated).toEqual([warmup.getComponent('a')]);
    });

    it('injects a component into a class of yours, as a property and through toService, after boot', async () => {
      @injectable()
      class Svc {
        @inject('a') readonly a!: unknown;
      }
      const { container, warmup } = await booted();
      container.bind(Svc).toSelf();
      container.bind('alias').toService('a');
      expect(container.get(Svc).a).toBe(warmup.getComponent('a'));
      expect((await container.getAsync(Svc)).a).toBe(warmup.getComponent('a'));
      expect(container.get('alias')).toBe(warmup.getComponent('a'));
      await expect(container.getAsync('alias')).resolves.toBe(warmup.getComponent('a'));
      expect(container.get('a')).toBe(warmup.getComponent('a'));
    });

    it('hands a dependent your double once you rebind a component token', async () => {
      @injectable()
      class Foo {
        constructor(@inject('a') readonly a: unknown) {}
      }
      const { container, warmup } = await booted();
      container.bind(Foo).toSelf(); // transient: built anew on each get
      expect(container.get(Foo).a).toBe(warmup.getComponent('a'));
      container.rebind('a').toConstantValue('double');
      expect(container.get('a')).toBe('double');
      expect(container.get(Foo).a).toBe('double');
    });

    it('runs an onActivation added after restore() and a first get, at the next resolution', async () => {
      const { container, warmup } = await booted();
      container.snapshot();
      container.restore();
      expect(container.get('a')).toBe(warmup.getComponent('a'));
      const activated: unknown[] = [];
      container.onActivation('a', (_ctx, value) => (activated.push(value), { wrapped: value }));
      expect(container.get('a')).toEqual({ wrapped: warmup.getComponent('a') });
      expect(activated).toEqual([warmup.getComponent('a')]);
    });

    it('leaves every usable component planned at the end of the boot, as a getAsync boot does', async () => {
      let cache: { get(options: object): unknown } | undefined;
      const isPlugin = Symbol.for('@inversifyjs/plugin/isPlugin');
      const { container } = await booted((warmup) => {
        class Probe {
          readonly [isPlugin] = true;
          constructor(_container: Container, context: { planResultCacheService: typeof cache }) {
            cache = context.planResultCacheService;
          }
          load(): void {}
        }
        warmup.container.register(Probe);
      });
      // inversify's own cache lookup, not the one preheat wraps: what the boot left there.
      const planOf = (serviceIdentifier: string) => cache!.get({ isMultiple: false, name: undefined, optional: false, serviceIdentifier, tag: undefined });
      expect(planOf('a')).toBeDefined();
      expect(planOf('b')).toBeDefined();
      expect(planOf('late')).toBeUndefined(); // DEFERRED: not loaded, not planned
      container.bind('mine').toConstantValue(1); // a binding of another token leaves them planned
      expect(planOf('a')).toBeDefined();
      container.onActivation('a', (_ctx, value) => value); // an activation handler drops the plan
      expect(planOf('a')).toBeUndefined();
      expect(planOf('b')).toBeDefined();
    });
  });
});

describe('a class component resolved through the container', () => {
  it('is the instance its dependents were given', async () => {
    @Component()
    class Db {}
    @Component()
    class Repo {
      constructor(readonly db: Db) {}
    }
    const container = new Container();
    await new Warmup(container).register(Db, Repo).boot();
    expect(container.get(Repo).db).toBe(container.get(Db));
  });
});
