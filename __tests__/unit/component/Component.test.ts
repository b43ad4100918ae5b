import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container, inject, injectable, LazyServiceIdentifier } from 'inversify';
import { Component, InvalidOptionError, Warmup } from '../../../src/index.js';
import { readClassMetadata } from '../../../src/component/inversifyInternals.js';

const standard = (name: string): ClassDecoratorContext => ({ kind: 'class', name, addInitializer: () => undefined, metadata: {} }) as unknown as ClassDecoratorContext;

describe('Component', () => {
  describe('having the inject option', () => {
    it('records each entry as inversify would record @inject and @optional', () => {
      class Config {}
      class Metrics {}
      class Api {
        constructor(
          readonly config: Config,
          readonly metrics?: Metrics,
        ) {}
      }
      Component({ inject: [Config, { token: Metrics, optional: true }] })(Api);
      const args = readClassMetadata(Api)!.constructorArguments;
      expect(args[0]).toMatchObject({ value: Config, optional: false });
      expect(args[1]).toMatchObject({ value: Metrics, optional: true });
    });

    it('builds the class with those dependencies, through preheat and through plain inversify', async () => {
      class Config {
        readonly url = 'db://';
      }
      class Db {
        constructor(readonly config: Config) {}
      }
      Component()(Config);
      Component({ inject: [new LazyServiceIdentifier(() => Config)] })(Db);
      const container = new Container();
      await new Warmup(container).register(Config, Db).boot();
      expect(container.get(Db).config).toBe(container.get(Config));
    });

    it('refuses to be combined with @inject parameter decorators', () => {
      class Config {}
      class Db {
        constructor(@inject(Config) readonly config: Config) {}
      }
      expect(() => Component({ inject: [Config] })(Db)).toThrow(/cannot be combined with @inject/);
      let thrown: unknown;
      try {
        Component({ inject: [Config] })(Db);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ option: 'inject', component: 'Db', hint: 'use one of the two: the inject option, or @inject on every parameter.' });
    });

    it('records an entry with optional: false as required', () => {
      class Metrics {}
      class Api {
        constructor(readonly metrics: Metrics) {}
      }
      Component({ inject: [{ token: Metrics, optional: false }] })(Api);
      expect(readClassMetadata(Api)!.constructorArguments[0]).toMatchObject({ value: Metrics, optional: false });
    });

    it.each([[undefined], [null]])('refuses an entry %p', (entry) => {
      class Db {}
      expect(() => Component({ inject: [entry as never] })(Db)).toThrow(InvalidOptionError);
    });

    it('refuses a list that is not an array', () => {
      class Db {}
      expect(() => Component({ inject: 'Config' as never })(Db)).toThrow(/must be an array/);
    });

    it('is refused on a loader definition', () => {
      expect(() => new Warmup(new Container()).register({ token: 'db', inject: ['x'], load: () => 1 })).toThrow(/is for classes/);
    });
  });

  describe('as a standard (TC39) decorator', () => {
    it('decorates the class it is given with its context, and returns it', async () => {
      class Config {}
      class Db {
        constructor(readonly config: Config) {}
      }
      expect(Component()(Config, standard('Config'))).toBe(Config);
      Component({ inject: [Config] })(Db, standard('Db'));
      const container = new Container();
      await new Warmup(container).register(Config, Db).boot();
      expect(container.get(Db).config).toBeInstanceOf(Config);
    });

    it('refuses to decorate anything but a class', () => {
      const method = { kind: 'method', name: 'run' } as unknown as ClassDecoratorContext;
      expect(() => Component()(class {}, method)).toThrow(/decorates classes only/);
    });

    it('names what it was wrongly put on, or says it is unknown', () => {
      const refusal = (context: unknown): unknown => {
        try {
          Component()(class {}, context as ClassDecoratorContext);
        } catch (error) {
          return error;
        }
        return undefined;
      };
      const named = refusal({ kind: 'method', name: 'run' }) as InvalidOptionError;
      expect(named.message.split('\n')[0]).toBe(`Option 'Component' of 'run' decorates classes only; got "method"`);
      expect(named.component).toBe('run');
      expect((refusal({ kind: 'field' }) as InvalidOptionError).component).toBe('(unknown)');
      // A context that is no object is refused even when it claims to be a class's.
      expect(refusal(Object.assign(() => undefined, { kind: 'class' }))).toBeInstanceOf(InvalidOptionError);
    });
  });

  it('accepts a class that already has @injectable', async () => {
    class Config {}
    injectable()(Config);
    expect(Component()(Config)).toBe(Config);
    const container = new Container();
    await new Warmup(container).register(Config).boot();
    expect(container.get(Config)).toBeInstanceOf(Config);
  });

  it('validates its options at decoration time, naming the class', () => {
    class Db {}
    expect(() => Component({ timeout: 0 })(Db)).toThrow("Option 'timeout' of 'Db'");
    expect(() => Component({ retryDelay: 5 } as never)(Db)).toThrow(/was renamed/);
  });
});
