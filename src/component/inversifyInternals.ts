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
  removeById?(id: number): void;
}

/** The part of inversify's PlanResultCacheService that component bindings use. */
export interface PlanCacheLike {
  getByServiceIdentifier(id: ServiceIdentifier): PlanResultLike | undefined;
  set(options: PlanOptionsLike, plan: PlanResultLike | undefined): void;
  invalidateServiceBinding(invalidation: { readonly binding: { readonly serviceIdentifier: ServiceIdentifier } }): void;
}

/** A plan as inversify's resolution reads it: `tree.root.resolve(params)`. */
export interface PlanResultLike {
  readonly tree: { readonly root: { resolve(params: unknown): unknown; readonly serviceIdentifier: ServiceIdentifier } };
}

/** The key of a plan for `container.get(id)` without options (what `getByServiceIdentifier` reads). */
export interface PlanOptionsLike {
  readonly isMultiple: false;
  readonly name: undefined;
  readonly optional: false;
  readonly serviceIdentifier: ServiceIdentifier;
  readonly tag: undefined;
}

/** What inversify hands a plugin's constructor (`PluginContext` of `@inversifyjs/plugin`). */
export interface PluginContextLike {
  readonly bindingService?: Partial<BindingServiceLike>;
  readonly planResultCacheService?: Partial<PlanCacheLike>;
  readonly activationService?: Partial<ActivationServiceLike>;
}

/**
 * The part of inversify's ActivationsService that ready-made plans use: `get` (the handlers of a
 * token, the parent container's included) and `add`, which `container.onActivation(id, …)` and a
 * module's `onActivation` call with `{ serviceId }`.
 */
export interface ActivationServiceLike {
  get(id: ServiceIdentifier): unknown;
  add(activation: unknown, relation: { readonly serviceId?: ServiceIdentifier }): void;
}

/** What inversify's `isPromise` accepts: anything with a `then` method. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return ((typeof value === 'object' && value !== null) || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/** The methods of inversify's resolution entry points (`ServiceResolutionManager`), by mode. */
const syncEntries = new Set(['get', 'getAll']);
const asyncEntries = new Set(['getAsync', 'getAllAsync']);

/**
 * True when the binding being resolved right now is resolved by `getAsync` / `getAllAsync` (on any
 * container, or a resolution context), false when by `get` / `getAll`. inversify does not tell a
 * binding; the innermost of those entry points on the call stack does, read as structured call sites
 * (method names, which minifiers keep). No entry point on the stack means inversify is resolving in a
 * promise continuation, which only an asynchronous resolution does. Costs a stack capture (a few µs):
 * call it on rare paths only.
 */
export function resolvingAsynchronously(): boolean {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back as it was
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let sites: readonly NodeJS.CallSite[] = [];
  try {
    Error.prepareStackTrace = (_error, callSites) => callSites;
    Error.stackTraceLimit = Infinity;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, resolvingAsynchronously);
    sites = holder.stack as readonly NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
  for (const site of sites) {
    const method = site.getMethodName() ?? site.getFunctionName()?.replace(/^.*\./, '') ?? '';
    // Only inversify's own entry points stand between a binding's factory and the resolution that
    // called it (a user's own method named `get` is always further out), so the innermost match is it.
    if (syncEntries.has(method)) return false;
    if (asyncEntries.has(method)) return true;
  }
  return true;
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
