import { Inject, Injectable, type Type } from '@nestjs/common';
import { LazyModuleLoader, type ModuleRef } from '@nestjs/core';
import { InvalidOptionError, Priority, Warmup, type ComponentId } from '../../index.js';
import { classWarmDependencies } from './nestDependencies.js';
import { Warm } from './Warm.js';
import type { WarmOptions } from './WarmOptions.js';
import type { WarmProvider } from './warmDefinition.js';

/** `MODULE_METADATA.PROVIDERS` of `@nestjs/common`. */
const providersKey = 'providers';

/**
 * Lazily loaded modules (Nest's `LazyModuleLoader`) with preheat: Nest runs no lifecycle hook in
 * a lazy module (nestjs/nest#17428); here its `@Warm()` providers are preheat components loaded
 * on demand. List the module in `PreheatModule.forRoot({ lazyModules })`; then `load(Module)`
 * loads it and warms its `@Warm()` providers (in dependency order, with their timeouts and
 * retries), and `warmup.getAsync(Provider)` does the same from the other end. Until then the
 * providers are `pending` and do not hold readiness back.
 *
 * @example
 * ```ts
 * @Injectable()
 * class ReportsService {
 *   constructor(private readonly lazy: LazyWarmModules) {}
 *   async report() {
 *     const moduleRef = await this.lazy.load(ReportsModule);   // loads the module, warms its @Warm() providers
 *     return moduleRef.get(ReportBuilder).build();
 *   }
 * }
 * ```
 */
@Injectable()
export class LazyWarmModules {
  readonly #members = new Map<Type, readonly ComponentId[]>();

  constructor(
    @Inject(LazyModuleLoader) private readonly loader: LazyModuleLoader,
    @Inject(Warmup) private readonly warmup: Warmup,
  ) {}

  /**
   * Loads a module listed in `lazyModules` (Nest caches it: later calls are cheap) and resolves
   * once each of its `@Warm()` providers is usable; rejects with the error of one that failed.
   * Throws InvalidOptionError for a module with `@Warm()` providers that is not listed.
   */
  async load(module: Type): Promise<ModuleRef> {
    const members = this.#members.get(module);
    if (members === undefined && warmClassesOf(module).length > 0) {
      throw new InvalidOptionError('LazyWarmModules.load', 'module', 'must be listed in PreheatModule.forRoot({ lazyModules })', module, `add ${module.name} to lazyModules, so its @Warm() providers are preheat components.`);
    }
    const moduleRef = await this.loader.load(() => module);
    await Promise.all((members ?? []).map((token) => this.warmup.getAsync(token)));
    return moduleRef;
  }

  /**
   * The `@Warm()` providers of these modules, as preheat components whose instance comes from
   * loading their module. Called once by `PreheatModule` at bootstrap.
   * @internal
   */
  providersOf(modules: readonly Type[], isWarm: (token: unknown) => boolean): WarmProvider[] {
    const found: WarmProvider[] = [];
    for (const module of modules) {
      const classes = warmClassesOf(module);
      this.#members.set(module, classes);
      for (const cls of classes) {
        const options = (Reflect.getMetadata(Warm.KEY, cls) as WarmOptions | undefined) ?? {};
        found.push({
          token: cls,
          name: cls.name,
          // Not in the boot: they load when their module does (or when a boot component needs one).
          options: { ...options, priority: Priority.DEFERRED },
          injects: classWarmDependencies(cls, isWarm),
          instance: async () => (await this.loader.load(() => module)).get<object>(cls, { strict: true }),
        });
      }
    }
    return found;
  }
}

/** The classes among a module's providers that carry `@Warm()`. */
export function warmClassesOf(module: Type): Type[] {
  const providers = (Reflect.getMetadata(providersKey, module) as unknown[] | undefined) ?? [];
  const classes = providers.map((p) => (typeof p === 'function' ? p : typeof p === 'object' && p !== null && 'useClass' in p && 'provide' in p && p.provide === p.useClass ? p.useClass : undefined));
  return classes.filter((c): c is Type => typeof c === 'function' && Reflect.hasMetadata(Warm.KEY, c));
}
