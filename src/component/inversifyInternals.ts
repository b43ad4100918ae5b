import type { ServiceIdentifier } from 'inversify';

/**
 * What preheat knows of inversify 8's internals, in one place. None of it is public API of the
 * `inversify` package; `__tests__/unit/component/inversifyInternals.test.ts` pins every item against
 * the installed inversify, so an upgrade that changes one fails loudly there, not in a user's boot.
 */

/** Where `@injectable` / `@inject` / `@optional` / `@postConstruct` store what they computed. */
export const classMetadataKey = '@inversifyjs/core/classMetadataReflectKey';
/** Set by `@injectable()` on the class it decorated. */
export const injectableFlagKey = '@inversifyjs/core/classIsInjectableFlagReflectKey';
/** `kind` of a constructor argument or property marked `@unmanaged()`: inversify injects nothing. */
export const unmanagedKind = 2;
/** A plugin class (`container.register(Plugin)`) is recognised by this symbol (`@inversifyjs/plugin`). */
export const isPluginKey = Symbol.for('@inversifyjs/plugin/isPlugin');
/** The brand of inversify's core errors (`InversifyCoreError.is`). */
const coreErrorBrand = Symbol.for('@inversifyjs/core/InversifyCoreError');
/** How inversify words the error it wraps around a throwing `@postConstruct` method. */
const lifecycleWrapper = /^Unexpected error found when calling ".*" @postConstruct decorated method/;

/** One constructor argument or property as inversify records it. */
export interface ElementMetadata {
  readonly kind: number;
  readonly optional?: boolean;
  readonly value?: unknown;
}

/** What inversify records for a class (the part preheat reads). */
export interface ClassMetadata {
  /** By parameter index; a hole where nothing was recorded. */
  readonly constructorArguments: readonly (ElementMetadata | undefined)[];
  readonly properties: ReadonlyMap<string | symbol, ElementMetadata>;
  readonly lifecycle?: {
    readonly postConstructMethodNames?: ReadonlySet<string | symbol>;
    readonly preDestroyMethodNames?: ReadonlySet<string | symbol>;
  };
}

/** The class's own inversify metadata, or undefined when no inversify decorator ran on it. */
export function readClassMetadata(target: object): ClassMetadata | undefined {
  return Reflect.getOwnMetadata(classMetadataKey, target) as ClassMetadata | undefined;
}

/** True once `@injectable()` ran on the class. */
export function isInjectable(target: object): boolean {
  return Reflect.getOwnMetadata(injectableFlagKey, target) === true;
}

/** The part of inversify's BindingService that the lazy component bindings hook into. */
export interface BindingServiceLike {
  getNonParentBindings(id: ServiceIdentifier): Iterable<unknown> | undefined;
  set(binding: object): void;
  clone?(): BindingServiceLike;
}

/** What inversify hands a plugin's constructor (`PluginContext` of `@inversifyjs/plugin`). */
export interface PluginContextLike {
  readonly bindingService?: Partial<BindingServiceLike>;
}

// Ids of the bindings preheat builds itself; far from inversify's own counter, which starts at 0.
let nextBindingId = 2 ** 40;

/**
 * The binding `bind(id).toDynamicValue(factory).inSingletonScope()` builds, field for field, so one
 * can be added to a BindingService without the fluent syntax's cost.
 */
export function dynamicSingletonBinding(id: ServiceIdentifier, factory: () => unknown): object {
  return {
    cache: { isRight: false, value: undefined },
    id: nextBindingId++,
    isSatisfiedBy: () => true,
    moduleId: undefined,
    onActivation: undefined,
    onDeactivation: undefined,
    scope: 'Singleton',
    serviceIdentifier: id,
    type: 'DynamicValue',
    value: factory,
  };
}

/**
 * inversify wraps what a `@postConstruct` method throws in an error of its own ("Unexpected error
 * found when calling …"); the user's error is its `cause`. Returns that cause, or `error` itself.
 */
export function unwrapLifecycleError(error: unknown): unknown {
  try {
    const candidate = error as { [coreErrorBrand]?: unknown; message?: unknown; cause?: unknown } | null;
    if (typeof candidate !== 'object' || candidate === null || candidate[coreErrorBrand] !== true) return error;
    return typeof candidate.message === 'string' && lifecycleWrapper.test(candidate.message) && 'cause' in candidate ? candidate.cause : error;
  } catch {
    return error; // a revoked proxy or a throwing getter: not inversify's
  }
}
