import { Inject, Module, Optional, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { Container } from 'inversify';
import { InvalidOptionError, Warmup, type ComponentId } from '../../index.js';
import { checkRequiresTokens } from '../http/readinessGate.js';
import { LazyWarmModules, warmClassesOf } from './LazyWarmModules.js';
import { warmDependencies, type ProviderWrapper } from './nestDependencies.js';
import { PreheatHealthIndicator } from './PreheatHealthIndicator.js';
import { checkModuleOptions, PREHEAT_MODULE_OPTIONS, type PreheatModuleOptions } from './PreheatModuleOptions.js';
import { REQUIRES_READY_METADATA, RequiresReadyGuard } from './RequiresReady.js';
import { Warm } from './Warm.js';
import { warmDefinition, type WarmProvider } from './warmDefinition.js';
import type { WarmOptions } from './WarmOptions.js';

const noop = (): void => {};

/**
 * preheat's lifecycle for a NestJS 12 application; Nest keeps its container. `forRoot()` makes
 * a global module that provides the `Warmup`, `RequiresReadyGuard`, `PreheatHealthIndicator`
 * and `LazyWarmModules`.
 *
 * - **Bootstrap** (`onApplicationBootstrap`): it discovers the `@Warm()` providers through
 *   `DiscoveryService`, registers each as a preheat component (Nest's own instance; edges from
 *   `dependsOn` and from constructor injection between `@Warm()` providers), boots, and makes
 *   `app.init()` / `app.listen()` wait as `wait` says. `onApplicationBootstrap` rather than
 *   `onModuleInit`: by then every module's `onModuleInit` has run (a provider's warm-up may rely
 *   on what those set up), every module is instantiated (nothing is missed), and Nest still awaits
 *   it before `listen()` binds the port.
 * - **Shutdown**: readiness fails **before any of Nest's hooks run**: the module starts
 *   `warmup.shutdown({ drainMs })` from the HTTP adapter's `beforeClose` (which `app.close()` and
 *   Nest's signal handling await before `onModuleDestroy`), so the drain passes while every
 *   provider still serves. `beforeApplicationShutdown` calls it too (for an application context
 *   without HTTP) and awaits it.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [PreheatModule.forRoot({ warmup: { maxConcurrent: 4 }, drainMs: 5_000 })],
 *   providers: [Db, SearchIndex],                    // @Warm() providers
 *   controllers: [OrdersController],                 // @RequiresReady(Db) routes
 * })
 * export class AppModule {}
 *
 * const app = await NestFactory.create(AppModule);
 * app.enableShutdownHooks();
 * await app.listen(3000);                            // once CRITICAL is usable; the rest warms behind 503s
 * ```
 */
@Module({})
export class PreheatModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(Warmup) private readonly warmup: Warmup,
    @Inject(PREHEAT_MODULE_OPTIONS) private readonly options: PreheatModuleOptions,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(LazyWarmModules) private readonly lazy: LazyWarmModules,
    @Optional() @Inject(HttpAdapterHost) private readonly adapterHost?: HttpAdapterHost,
  ) {}

  /**
   * The module, configured. Throws InvalidOptionError for bad options.
   * @example `imports: [PreheatModule.forRoot({ wait: 'all' })]`
   */
  static forRoot(options: PreheatModuleOptions = {}): DynamicModule {
    checkModuleOptions(options);
    const { warmup } = options;
    return {
      module: PreheatModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: PREHEAT_MODULE_OPTIONS, useValue: options },
        { provide: Warmup, useFactory: () => (warmup instanceof Warmup ? warmup : new Warmup(new Container(), warmup)) },
        RequiresReadyGuard,
        PreheatHealthIndicator,
        LazyWarmModules,
      ],
      exports: [Warmup, PREHEAT_MODULE_OPTIONS, RequiresReadyGuard, PreheatHealthIndicator, LazyWarmModules],
    };
  }

  /** Registers the `@Warm()` providers, boots, and waits as `wait` says. */
  async onApplicationBootstrap(): Promise<void> {
    const eager = this.#discover();
    const lazyModules = (this.options.lazyModules ?? []) as Type[];
    const lazyClasses = new Set<unknown>(lazyModules.flatMap(warmClassesOf));
    const isWarm = (token: unknown): boolean => eager.has(token as ComponentId) || lazyClasses.has(token);
    const providers: WarmProvider[] = [...eager.values()].map(({ wrapper, options }) => ({
      token: wrapper.token as ComponentId,
      name: typeof wrapper.name === 'string' ? wrapper.name : String(wrapper.token),
      options,
      injects: warmDependencies(wrapper, isWarm),
      instance: () => wrapper.instance as object,
    }));
    const lazy = this.lazy.providersOf(lazyModules, isWarm).filter((p) => !eager.has(p.token)); // a lazy module loaded already: warm as eager
    this.warmup.register(providers.concat(lazy).map(warmDefinition));
    this.#checkRoutes();
    this.#failReadinessOnClose();

    const booting = this.warmup.boot();
    booting.catch(noop); // a failure shows in readiness and in `wait`; the boot's promise is awaited only for 'all'
    const { wait = 'critical' } = this.options;
    if (wait === 'all') await booting;
    else if (wait === 'critical') await this.warmup.waitForCritical();
  }

  /** Starts the shutdown if `beforeClose` did not (no HTTP adapter), and waits for it. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.#shutdown();
  }

  #shutdown(): Promise<unknown> {
    return this.warmup.shutdown({ drainMs: this.options.drainMs ?? 0 });
  }

  /** The `@Warm()` providers, one per token (a provider exported by several modules is one instance). */
  #discover(): Map<ComponentId, { wrapper: ProviderWrapper; options: WarmOptions }> {
    const found = new Map<ComponentId, { wrapper: ProviderWrapper; options: WarmOptions }>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: Warm.KEY })) {
      if (!wrapper.isDependencyTreeStatic() || wrapper.isTransient) {
        throw new InvalidOptionError(String(wrapper.name), 'scope', 'of a @Warm() provider must be the default (singleton) scope', wrapper.scope, 'a request-scoped or transient provider has no one instance to warm: remove @Warm() or its scope.');
      }
      const token = wrapper.token as ComponentId;
      if (!found.has(token)) found.set(token, { wrapper, options: this.discovery.getMetadataByDecorator(Warm, wrapper) ?? {} });
    }
    return found;
  }

  /** Every `@RequiresReady()` token names a component: a typo fails at startup, not on a request. */
  #checkRoutes(): void {
    for (const { metatype, name } of this.discovery.getControllers()) {
      if (typeof metatype !== 'function') continue;
      const targets = [metatype, ...Object.getOwnPropertyNames(metatype.prototype).map((key) => (metatype.prototype as Record<string, unknown>)[key])];
      for (const target of targets) {
        if (typeof target !== 'function') continue;
        const tokens: unknown = Reflect.getMetadata(REQUIRES_READY_METADATA, target);
        if (tokens !== undefined) checkRequiresTokens(this.warmup, tokens, `@RequiresReady() in ${String(name)}`);
      }
    }
  }

  /** `app.close()` awaits the adapter's `beforeClose` before any hook: readiness fails there, and the drain passes. */
  #failReadinessOnClose(): void {
    const adapter = this.adapterHost?.httpAdapter as { beforeClose?: () => unknown } | undefined;
    if (adapter === undefined) return;
    const original = adapter.beforeClose;
    adapter.beforeClose = async () => {
      const stopping = this.#shutdown();
      await original?.call(adapter);
      await stopping;
    };
  }
}
