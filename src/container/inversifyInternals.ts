/**
 * What preheat knows of inversify 8's internals, in one place. None of it is public API of the
 * `inversify` package; `__tests__/unit/container/inversifyInternals.test.ts` pins each item against
 * the installed inversify, so an upgrade that changes one fails loudly there.
 */

/** The brand of inversify's core errors (`InversifyCoreError.is`). */
const coreErrorBrand = Symbol.for('@inversifyjs/core/InversifyCoreError');
/** How inversify words the error it wraps around a throwing `@postConstruct` method. */
const lifecycleWrapper = /^Unexpected error found when calling ".*" @postConstruct decorated method/;

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
