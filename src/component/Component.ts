import { inject, injectable, LazyServiceIdentifier, optional, type Newable } from 'inversify';
import type { ComponentOptions, InjectRef } from './ComponentOptions.js';
import { setComponentOptions } from './componentMetadata.js';
import { assertReflectMetadata } from './assertReflectMetadata.js';
import { isInjectable, readClassMetadata } from './inversifyInternals.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { validateComponentOptions } from './validateOptions.js';

/**
 * A class decorator that works both ways TypeScript and the bundlers compile decorators: the
 * legacy form (`experimentalDecorators`, called with the class) and the standard (TC39) form used by
 * TypeScript 5 without `experimentalDecorators`, esbuild, tsx, Vite and SWC (called with the class
 * and a context).
 */
export type ComponentDecorator = <T extends Newable>(target: T, context?: ClassDecoratorContext) => T;

/**
 * Marks a class as a preheat component and makes it `@injectable` for inversify. It only records
 * metadata: register the class with `warmup.register(...)`.
 *
 * Options are validated here, so a bad option fails at import time with the class named. Without
 * decorator metadata (tsx, esbuild, Vite, or TypeScript without `emitDecoratorMetadata`), list the
 * constructor's dependencies in `inject`; preheat records them as inversify's own `@inject` would,
 * so plain `container.get` resolves the class the same way.
 *
 * @example
 * ```ts
 * @Component({ priority: Priority.CRITICAL, timeout: 5_000 })
 * class Auth {
 *   constructor(private readonly db: Db) {}          // an edge Db → Auth, inferred
 *   async onWarmup(signal: AbortSignal) { await this.db.query('select 1', { signal }); }
 * }
 *
 * @Component({ inject: [Config, Db] })                 // any compiler, no metadata needed
 * class Api { constructor(readonly config: Config, readonly db: Db) {} }
 * ```
 */
export function Component(options: ComponentOptions = {}): ComponentDecorator {
  return <T extends Newable>(target: T, context?: ClassDecoratorContext): T => {
    if (context !== undefined && (typeof context !== 'object' || context.kind !== 'class')) {
      throw new InvalidOptionError(String(context?.name ?? '(unknown)'), 'Component', 'decorates classes only', context?.kind);
    }
    assertReflectMetadata();
    const name = options.name ?? target.name;
    validateComponentOptions(name, options);
    if (options.inject !== undefined) recordInjections(name, target, options.inject);
    // @Component stands in for @injectable; tolerate a class that already has it below.
    if (!isInjectable(target)) injectable()(target);
    setComponentOptions(target, options);
    return target;
  };
}

/** Writes `inject` as inversify's parameter decorators would (`@inject(token)`, `@optional()`). */
function recordInjections(name: string, target: Newable, refs: readonly InjectRef[]): void {
  if ((readClassMetadata(target)?.constructorArguments.length ?? 0) > 0) {
    throw new InvalidOptionError(
      name,
      'inject',
      'cannot be combined with @inject parameter decorators on the same class',
      refs,
      'use one of the two: the inject option, or @inject on every parameter.',
    );
  }
  for (let k = 0; k < refs.length; k++) {
    const ref = refs[k]!;
    const optionalRef = typeof ref === 'object' && !(ref instanceof LazyServiceIdentifier);
    inject(optionalRef ? ref.token : ref)(target, undefined, k);
    if (optionalRef && ref.optional === true) optional()(target, undefined, k);
  }
}
