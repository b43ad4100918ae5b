import { injectable, type Newable } from 'inversify';
import type { ComponentOptions } from './ComponentOptions.js';
import { setComponentOptions } from './componentMetadata.js';
import { assertReflectMetadata } from './assertReflectMetadata.js';
import { validateComponentOptions } from './validateOptions.js';

const injectableFlag = '@inversifyjs/core/classIsInjectableFlagReflectKey';

/**
 * Marks a class as a preheat component and makes it `@injectable` for inversify. It only records
 * metadata: register the class with `warmup.register(...)`.
 *
 * Options are validated here, so a bad option fails at import time with the class named.
 *
 * @example
 * ```ts
 * @Component({ priority: Priority.CRITICAL, timeout: 5_000 })
 * class Auth {
 *   constructor(private readonly db: Db) {}          // an edge Db → Auth, inferred
 *   async onWarmup(signal: AbortSignal) { await this.db.query('select 1', { signal }); }
 * }
 * ```
 */
export function Component(options: ComponentOptions = {}): <T extends Newable>(target: T) => T {
  return <T extends Newable>(target: T): T => {
    assertReflectMetadata();
    validateComponentOptions(options.name ?? target.name, options);
    // @Component stands in for @injectable; tolerate a class that already has it below.
    if (Reflect.getOwnMetadata(injectableFlag, target) !== true) injectable()(target);
    setComponentOptions(target, options);
    return target;
  };
}
