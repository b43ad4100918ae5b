import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { inject, injectable, LazyServiceIdentifier, named, optional, postConstruct, preDestroy, tagged, unmanaged, type Newable } from 'inversify';
import { Component } from '../../../src/component/Component.js';
import { readInjections, readPreDestroyMethods } from '../../../src/component/readInjections.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { MissingInjectionMetadataError } from '../../../src/errors/MissingInjectionMetadataError.js';

class Dep {}
class Other {}

/** What `readInjections(target, name)` threw; fails the test when it threw nothing. */
function thrownBy(target: Newable, name = 'Db'): MissingInjectionMetadataError {
  try {
    readInjections(target, name);
  } catch (error) {
    expect(error).toBeInstanceOf(MissingInjectionMetadataError);
    return error as MissingInjectionMetadataError;
  }
  throw new Error('readInjections threw nothing');
}

/** The fields of a MissingInjectionMetadataError the tests compare, the message's first line included. */
function described(error: MissingInjectionMetadataError): Record<string, unknown> {
  return { code: error.code, component: error.component, parameter: error.parameter, reason: error.reason, message: error.message.split('\n')[0], hint: error.hint };
}

const injectHint = 'declare the dependencies with @Component({ inject: [Config, Pool] }), which works with every compiler (tsc, tsx, esbuild, Vite, SWC)';

describe('readInjections', () => {
  it('should read plain constructor arguments, in order, as non-optional and unconstrained', () => {
    @injectable()
    class Db {
      constructor(
        readonly dep: Dep,
        @inject('config') readonly config: unknown,
      ) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([
      { id: Dep, optional: false },
      { id: 'config', optional: false },
    ]);
  });

  // inversify needs @inject next to @optional, @named and @tagged (it rejects the class otherwise).
  it('should read @optional arguments as optional', () => {
    @injectable()
    class Db {
      constructor(@optional() @inject(Dep) readonly dep: Dep) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([{ id: Dep, optional: true }]);
  });

  it('should read @named and @tagged arguments with their constraints, optional or not', () => {
    @injectable()
    class Db {
      constructor(
        @inject(Dep) @named('primary') readonly a: Dep,
        @optional() @inject(Dep) @named('replica') readonly b: Dep,
        @inject(Other) @tagged('region', 'eu') readonly c: Other,
        @optional() @inject('pool') @tagged('size', 3) readonly d: unknown,
      ) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([
      { id: Dep, optional: false, constraints: { name: 'primary' } },
      { id: Dep, optional: true, constraints: { name: 'replica' } },
      { id: Other, optional: false, constraints: { tag: { key: 'region', value: 'eu' } } },
      { id: 'pool', optional: true, constraints: { tag: { key: 'size', value: 3 } } },
    ]);
  });

  it('should skip @unmanaged arguments, which inversify fills with nothing', () => {
    @injectable()
    class Db {
      constructor(
        @unmanaged() readonly settings: unknown,
        readonly dep: Dep,
      ) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([{ id: Dep, optional: false }]);
  });

  it('should unwrap a LazyServiceIdentifier to the token it names', () => {
    @injectable()
    class Db {
      constructor(@inject(new LazyServiceIdentifier(() => Dep)) readonly dep: Dep) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([{ id: Dep, optional: false }]);
  });

  it('should read injected properties after the constructor arguments', () => {
    @injectable()
    class Db {
      @inject(Other) readonly other!: Other;
      @optional() @inject('maybe') @named('n') readonly maybe!: unknown;
      constructor(readonly dep: Dep) {}
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([
      { id: Dep, optional: false },
      { id: Other, optional: false },
      { id: 'maybe', optional: true, constraints: { name: 'n' } },
    ]);
  });

  it('should skip a property whose token was undefined when its decorator ran', () => {
    const late: unknown = undefined; // a class of a circular import, not yet defined
    @injectable()
    class Db {
      @inject(late as never) readonly cyclic!: unknown;
      @inject(Other) readonly other!: Other;
    }
    expect(readInjections(Db, 'Db')).toStrictEqual([{ id: Other, optional: false }]);
  });

  it('should find nothing to inject into a class without inversify metadata and without parameters', () => {
    class Plain {}
    expect(readInjections(Plain, 'Plain')).toStrictEqual([]);
  });

  it("should name the component and the parameter of a class that is not decorated ('not-decorated')", () => {
    class Db {
      constructor(readonly dep: Dep) {}
    }
    expect(described(thrownBy(Db, 'Database'))).toEqual({
      code: ErrorCode.MissingInjectionMetadata,
      component: 'Database',
      parameter: 0,
      reason: 'not-decorated',
      message: "Cannot tell what to inject into constructor parameter #0 of 'Database': the class is not decorated (@Component or @injectable) and has no @inject",
      hint: `decorate the class with @Component(); ${injectHint}.`,
    });
  });

  it("should tell a decorated class without type metadata ('no-type-metadata'), as tsx or esbuild compile it", () => {
    // Decorators applied by hand: no `design:paramtypes`, as with a compiler that emits none.
    class Db {
      constructor(
        readonly config: unknown,
        readonly dep: Dep,
      ) {}
    }
    inject('config')(Db, undefined, 0);
    expect(described(thrownBy(Db))).toEqual({
      code: ErrorCode.MissingInjectionMetadata,
      component: 'Db',
      parameter: 1,
      reason: 'no-type-metadata',
      message: "Cannot tell what to inject into constructor parameter #1 of 'Db': the class has no type metadata for it and no @inject",
      hint: `${injectHint}; or compile with "experimentalDecorators" and "emitDecoratorMetadata"; or put @inject(Token) on the parameter.`,
    });
  });

  it("should tell an @injectable or @Component class without type metadata from an undecorated one ('no-type-metadata')", () => {
    class Injectable {
      constructor(readonly dep: Dep) {}
    }
    injectable()(Injectable);
    class Decorated {
      constructor(readonly dep: Dep) {}
    }
    Component()(Decorated);
    expect([thrownBy(Injectable).reason, thrownBy(Decorated).reason]).toEqual(['no-type-metadata', 'no-type-metadata']);
  });

  it("should tell a parameter whose type has no runtime token ('unnamed-type')", () => {
    @injectable()
    class Db {
      constructor(
        readonly dep: Dep,
        readonly url: string,
      ) {}
    }
    expect(described(thrownBy(Db))).toEqual({
      code: ErrorCode.MissingInjectionMetadata,
      component: 'Db',
      parameter: 1,
      reason: 'unnamed-type',
      message: "Cannot tell what to inject into constructor parameter #1 of 'Db': its type has no runtime token (an interface, a union, any, or a primitive: TypeScript emitted Object, String, …)",
      hint: 'name the token: @inject(Token) on the parameter, or declare the dependencies with @Component({ inject: [Config, Pool] }), which works with every compiler (tsc, tsx, esbuild, Vite, SWC).',
    });
  });

  it("should tell a parameter marked only @optional, without type metadata, as having no type metadata (not as a circular import)", () => {
    class Db {
      constructor(readonly metrics?: Dep) {}
    }
    // As tsx or esbuild compile it: no `design:paramtypes`, and no @inject beside the @optional.
    optional()(Db, undefined, 0);
    injectable()(Db);
    expect(described(thrownBy(Db))).toMatchObject({ parameter: 0, reason: 'no-type-metadata' });
  });

  it("should tell a parameter whose type was undefined when the decorator ran ('undefined-type')", () => {
    class Db {
      constructor(
        readonly dep: Dep,
        readonly cyclic: unknown,
      ) {}
    }
    // What TypeScript emits for a class of a circular import that is not defined yet.
    Reflect.defineMetadata('design:paramtypes', [Dep, undefined], Db);
    injectable()(Db);
    expect(described(thrownBy(Db))).toEqual({
      code: ErrorCode.MissingInjectionMetadata,
      component: 'Db',
      parameter: 1,
      reason: 'undefined-type',
      message: "Cannot tell what to inject into constructor parameter #1 of 'Db': its type was undefined when the decorator ran, which usually means a circular import",
      hint: 'break the import cycle, or name the token lazily: @inject(new LazyServiceIdentifier(() => Dep)), or @Component({ inject: [new LazyServiceIdentifier(() => Dep)] }).',
    });
  });
});

describe('readPreDestroyMethods', () => {
  it('should list the methods @preDestroy marked', () => {
    @injectable()
    class Db {
      @postConstruct() open(): void {}
      @preDestroy() close(): void {}
      @preDestroy() flush(): void {}
    }
    expect(readPreDestroyMethods(Db)).toEqual(['close', 'flush']);
  });

  it('should list none for a class without inversify metadata, or without @preDestroy', () => {
    class Plain {}
    @injectable()
    class Db {
      constructor(readonly dep: Dep) {}
    }
    expect([readPreDestroyMethods(Plain), readPreDestroyMethods(Db)]).toEqual([[], []]);
  });
});
