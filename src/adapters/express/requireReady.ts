import type { RequestHandler } from 'express';
import type { ComponentId, Warmup } from '../../index.js';
import { checkRequires, checkRequiresTokens, type ReadinessGateOptions } from '../http/readinessGate.js';

/**
 * The object form of {@link requireReady}: the gate's options beside the components.
 *
 * @example
 * ```ts
 * app.get('/orders', requireReady({ warmup, requires: [Db], retryAfter: 2 }), handler);
 * ```
 */
export interface RequireReadyOptions extends ReadinessGateOptions {
  readonly warmup: Warmup;
  readonly requires: readonly ComponentId[];
}

/**
 * Express middleware that answers 503 with `Retry-After` and a JSON body naming what is not
 * ready (see `checkRequires` in `preheat/http`) until every listed component is usable, then
 * passes each request on. The ready path is a status lookup per component. Throws
 * UnknownComponentError now, when the route is declared, for a token nothing is registered under.
 *
 * @example
 * ```ts
 * import { requireReady } from 'preheat/express';
 *
 * app.get('/orders', requireReady(warmup, Db, 'cache'), (req, res) => res.json(container.get(Db).orders()));
 * app.use('/admin', requireReady({ warmup, requires: [Db], retryAfter: 10 }));
 * ```
 */
export function requireReady(warmup: Warmup, ...tokens: ComponentId[]): RequestHandler;
export function requireReady(options: RequireReadyOptions): RequestHandler;
export function requireReady(first: Warmup | RequireReadyOptions, ...rest: ComponentId[]): RequestHandler {
  const { warmup, requires, ...gate } = 'requires' in first && 'warmup' in first ? first : { warmup: first, requires: rest };
  checkRequiresTokens(warmup, requires, 'requireReady');
  const list = [...requires];
  return function preheatRequireReady(_req, res, next) {
    const answer = checkRequires(warmup, list, gate);
    if (answer === undefined) {
      next();
      return;
    }
    res.status(answer.status).set(answer.headers).json(answer.body);
  };
}
