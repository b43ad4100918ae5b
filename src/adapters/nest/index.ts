/**
 * `preheat/nest`: preheat's warm-up lifecycle for NestJS 12 applications. `@nestjs/common` and
 * `@nestjs/core` are optional peer dependencies (`@nestjs/terminus` too, for the health
 * indicator; it is not imported).
 *
 * @example
 * ```ts
 * import { PreheatModule, RequiresReady, Warm } from 'preheat/nest';
 *
 * @Warm({ priority: Priority.CRITICAL }) @Injectable()
 * class Db { async onWarmup(signal: AbortSignal) { await this.connect(signal); } }
 *
 * @Module({ imports: [PreheatModule.forRoot()], providers: [Db] })
 * class AppModule {}
 * ```
 * @packageDocumentation
 */
export { PreheatModule } from './PreheatModule.js';
export { PREHEAT_MODULE_OPTIONS, type PreheatModuleOptions } from './PreheatModuleOptions.js';
export { Warm } from './Warm.js';
export type { WarmOptions } from './WarmOptions.js';
export { RequiresReady, RequiresReadyGuard, REQUIRES_READY_METADATA } from './RequiresReady.js';
export { PreheatHealthIndicator, type PreheatHealthResult } from './PreheatHealthIndicator.js';
export { LazyWarmModules } from './LazyWarmModules.js';
