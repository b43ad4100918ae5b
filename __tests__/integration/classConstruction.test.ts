import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  Container,
  inject,
  injectable,
  injectFromBase,
  LazyServiceIdentifier,
  multiInject,
  named,
  optional,
  postConstruct,
  preDestroy,
  tagged,
  unmanaged,
} from 'inversify';
import { Component, ComponentStatus, Priority, Warmup, type WarmupOptions } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

// One suite, run against both ways a class component is built: preheat's own construction (the
// default) and inversify's resolution in a child container. Every feature must behave the same.
describe.each<NonNullable<WarmupOptions['construction']>>(['preheat', 'inversify'])('class components built by %s', (construction) => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });
  const boot = async (container: Container, ...items: Parameters<Warmup['register']>) => {
    const warmup = new Warmup(container, { construction }).register(...items);
    await settle(warmup.boot().catch((e: unknown) => void (process.env.DEBUG_BOOT && console.log(e))));
    return warmup;
  };

  it(construction === 'preheat' ? 'binds nothing in any container to build a class' : 'builds each class through a binding in a child container', async () => {
    @Component() class Config {}
    @Component() class Db { constructor(readonly config: Config) {} }
    const bind = jest.spyOn(Container.prototype, 'bind');
    try {
      await boot(new Container(), Config, Db);
      expect(bind).toHaveBeenCalledTimes(construction === 'preheat' ? 0 : 2);
    } finally {
      bind.mockRestore();
    }
  });

  it('injects component dependencies as the very instances container.get hands out', async () => {
    @Component() class Config {}
    @Component() class Db { constructor(readonly config: Config) {} }
    @Component() class Api { constructor(readonly db: Db, readonly config: Config) {} }
    const container = new Container();
    await boot(container, Config, Db, Api);
    expect(container.get(Api).db).toBe(container.get(Db));
    expect(container.get(Api).config).toBe(container.get(Config));
    expect(container.get(Db).config).toBe(container.get(Config));
  });

  it('injects properties, and @unmanaged arguments get nothing', async () => {
    @Component() class Config {}
    @Component()
    class Api {
      @inject(Config) readonly config!: Config;
      @inject('user-value') readonly value!: string;
      constructor(@unmanaged() readonly nothing?: unknown) {}
    }
    const container = new Container();
    container.bind('user-value').toConstantValue('mine');
    await boot(container, Config, Api);
    const api = container.get(Api);
    expect(api.config).toBe(container.get(Config));
    expect(api.value).toBe('mine');
    expect(api.nothing).toBeUndefined();
  });

  it('runs @postConstruct methods in order, awaiting async ones, before onWarmup', async () => {
    const calls: string[] = [];
    @Component()
    class Cache {
      @postConstruct() async first(): Promise<void> {
        await new Promise((r) => setTimeout(r, 10));
        calls.push('first');
      }
      onWarmup(): void {
        calls.push('onWarmup');
      }
    }
    await boot(new Container(), Cache);
    expect(calls).toEqual(['first', 'onWarmup']);
  });

  it("reports a throwing @postConstruct with the user's own error", async () => {
    @Component({ required: false })
    class Cache {
      @postConstruct() init(): void {
        throw new Error('no cache');
      }
    }
    const warmup = await boot(new Container(), Cache);
    expect(warmup.getStatus(Cache)).toBe(ComponentStatus.Failed);
    expect(warmup.report().components.Cache!.lastError).toBe('no cache');
  });

  it('calls @preDestroy and onShutdown at shutdown', async () => {
    const calls: string[] = [];
    @Component()
    class Pool {
      onShutdown(): void {
        calls.push('onShutdown');
      }
      @preDestroy() close(): void {
        calls.push('preDestroy');
      }
    }
    const warmup = await boot(new Container(), Pool);
    await settle(warmup.shutdown());
    expect(calls).toEqual(['onShutdown', 'preDestroy']);
  });

  it('resolves named, tagged, optional and multi-injected arguments of your own bindings', async () => {
    @Component()
    class Api {
      constructor(
        @inject('db') @named('primary') readonly primary: string,
        @inject('db') @tagged('role', 'replica') readonly replica: string,
        @inject('missing') @optional() readonly missing: unknown,
        @multiInject('plugin') readonly plugins: string[],
      ) {}
    }
    const container = new Container();
    container.bind('db').toConstantValue('primary-db').whenNamed('primary');
    container.bind('db').toConstantValue('replica-db').whenTagged('role', 'replica');
    container.bind('plugin').toConstantValue('a');
    container.bind('plugin').toConstantValue('b');
    await boot(container, Api);
    expect({ ...container.get(Api) }).toEqual({ primary: 'primary-db', replica: 'replica-db', missing: undefined, plugins: ['a', 'b'] });
  });

  it('awaits an asynchronous binding of yours it depends on', async () => {
    @Component() class Api { constructor(@inject('secret') readonly secret: string) {} }
    const container = new Container();
    container.bind('secret').toDynamicValue(async () => 's3cr3t');
    await boot(container, Api);
    expect(container.get(Api).secret).toBe('s3cr3t');
  });

  it('injects undefined for a failed optional component dependency, and a LazyServiceIdentifier resolves', async () => {
    @Component({ required: false, priority: Priority.CRITICAL }) class Metrics { onWarmup(): never { throw new Error('down'); } }
    @Component() class Config {}
    @Component()
    class Api {
      constructor(
        @inject(Metrics) @optional() readonly metrics: Metrics | undefined,
        @inject(new LazyServiceIdentifier(() => Config)) readonly config: Config,
      ) {}
    }
    const container = new Container();
    const warmup = await boot(container, Metrics, Config, Api);
    expect(warmup.getStatus(Api)).toBe(ComponentStatus.Ready);
    expect(container.get(Api).metrics).toBeUndefined();
    expect(container.get(Api).config).toBe(container.get(Config));
  });

  it('builds a subclass from its own metadata, and from its base with @injectFromBase', async () => {
    @Component() class Config {}
    @injectable()
    class Base {
      constructor(@inject(Config) readonly config: Config) {}
    }
    @Component()
    @injectFromBase()
    class Derived extends Base {}
    @Component()
    class Own extends Base {
      constructor(@inject(Config) config: Config, @inject('extra') readonly extra: number) {
        super(config);
      }
    }
    const container = new Container();
    container.bind('extra').toConstantValue(7);
    await boot(container, Config, Derived, Own);
    expect(container.get(Derived).config).toBe(container.get(Config));
    expect(container.get(Own)).toMatchObject({ config: container.get(Config), extra: 7 });
  });

  it("runs your onActivation of a component token once, on the first resolution, and of your own bindings as inversify does", async () => {
    const activated: string[] = [];
    @Component() class Db {}
    @Component() class Api { constructor(@inject('clock') readonly clock: { now: number }, readonly db: Db) {} }
    const container = new Container();
    container.bind('clock').toDynamicValue(() => ({ now: 0 }));
    container.onActivation('clock', (_ctx, clock: { now: number }) => (activated.push('clock'), { now: clock.now + 1 }));
    container.onActivation(Db, (_ctx, db: Db) => (activated.push('Db'), db));
    await boot(container, Db, Api);
    expect(container.get(Api).clock).toEqual({ now: 1 });
    container.get(Db);
    container.get(Db);
    expect(activated).toEqual(['clock', 'Db']);
  });
});
