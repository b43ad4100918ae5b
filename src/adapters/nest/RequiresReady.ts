import { applyDecorators, HttpException, Inject, Injectable, SetMetadata, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Warmup, type ComponentId } from '../../index.js';
import { checkRequires } from '../http/readinessGate.js';
import { PREHEAT_MODULE_OPTIONS, type PreheatModuleOptions } from './PreheatModuleOptions.js';

/**
 * The metadata key under which `@RequiresReady()` records its tokens.
 *
 * @example
 * ```ts
 * const tokens = reflector.get<ComponentId[]>(REQUIRES_READY_METADATA, OrdersController.prototype.list);
 * ```
 */
export const REQUIRES_READY_METADATA = 'preheat:requires-ready';

const none: readonly ComponentId[] = [];

/**
 * The guard behind `@RequiresReady()`: lets a request through when every component the route
 * (and its controller) requires is usable, else answers **503** with `Retry-After` and a JSON body
 * naming what is not ready (`checkRequires` of `preheat/http`, the same answer the Fastify and
 * Express adapters give). The ready path is a cached metadata lookup and one status lookup per
 * token. Provided (and exported, globally) by `PreheatModule.forRoot()`.
 *
 * @example
 * ```ts
 * // every route of the app, through Nest's global guard (tokens still come from @RequiresReady)
 * app.useGlobalGuards(app.get(RequiresReadyGuard));
 * ```
 */
@Injectable()
export class RequiresReadyGuard implements CanActivate {
  /** handler → class → tokens: routes are few, requests many. */
  readonly #tokens = new WeakMap<object, WeakMap<object, readonly ComponentId[]>>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Warmup) private readonly warmup: Warmup,
    @Inject(PREHEAT_MODULE_OPTIONS) private readonly options: PreheatModuleOptions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const tokens = this.#required(context.getHandler(), context.getClass());
    if (tokens.length === 0) return true;
    const answer = checkRequires(this.warmup, tokens, this.options.gate);
    if (answer === undefined) return true;
    if (context.getType() === 'http') setHeader(context.switchToHttp().getResponse(), 'retry-after', answer.headers['retry-after']);
    throw new HttpException(answer.body, answer.status);
  }

  #required(handler: object, controller: object): readonly ComponentId[] {
    let byClass = this.#tokens.get(handler);
    if (byClass === undefined) this.#tokens.set(handler, (byClass = new WeakMap()));
    let tokens = byClass.get(controller);
    if (tokens === undefined) {
      const merged = this.reflector.getAllAndMerge<ComponentId[]>(REQUIRES_READY_METADATA, [handler as never, controller as never]);
      tokens = merged.length === 0 ? none : [...new Set(merged)];
      byClass.set(controller, tokens);
    }
    return tokens;
  }
}

/** Express's `res.header`/`res.setHeader`, Fastify's `reply.header`. */
function setHeader(response: unknown, name: string, value: string): void {
  const res = response as { header?: (name: string, value: string) => unknown; setHeader?: (name: string, value: string) => unknown };
  if (typeof res.header === 'function') res.header(name, value);
  else if (typeof res.setHeader === 'function') res.setHeader(name, value);
}

/**
 * Gates a route (or every route of a controller) on preheat components: until each is usable
 * (Ready, or Degraded unless `gate.degraded` is `'not-ready'`), requests get 503 with
 * `Retry-After` and a body naming the components. Needs `PreheatModule.forRoot()`; the tokens
 * are checked when the application bootstraps, so a typo fails at startup.
 *
 * @example
 * ```ts
 * @Controller('orders')
 * export class OrdersController {
 *   constructor(private readonly db: Db) {}
 *   @Get() @RequiresReady(Db, SearchIndex)
 *   list() { return this.db.orders(); }             // 503 + Retry-After until Db and SearchIndex are warm
 * }
 * ```
 */
export function RequiresReady(...tokens: ComponentId[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRES_READY_METADATA, tokens), UseGuards(RequiresReadyGuard));
}
