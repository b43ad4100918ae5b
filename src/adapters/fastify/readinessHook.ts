import type { onRequestHookHandler } from 'fastify';
import type { ComponentId, Warmup } from '../../index.js';
import { checkRequires, checkRequiresTokens, type ReadinessGateOptions } from '../http/readinessGate.js';

/**
 * An `onRequest` hook that answers 503 with `Retry-After` and a JSON body naming what is not
 * ready (see `checkRequires` in `preheat/http`) until every component in `tokens` is usable. The
 * plugin adds one to each route whose `config.requires` lists components; use this one directly
 * for a whole encapsulated context. Throws UnknownComponentError now for an unknown token.
 *
 * @example
 * ```ts
 * app.register(async (orders) => {
 *   orders.addHook('onRequest', readinessHook(warmup, [Db, 'cache']));
 *   orders.get('/orders', async () => orders.container.get(Db).orders());
 * });
 * ```
 */
export function readinessHook(warmup: Warmup, tokens: readonly ComponentId[], options: ReadinessGateOptions = {}, where = 'readinessHook'): onRequestHookHandler {
  checkRequiresTokens(warmup, tokens, where);
  const list = [...tokens]; // the caller's array may change later; the route's list must not
  // A callback hook, not an async one: the ready path costs the status lookups and nothing else.
  return function preheatRequires(_request, reply, done) {
    const answer = checkRequires(warmup, list, options);
    if (answer === undefined) {
      done();
      return;
    }
    void reply.code(answer.status).headers(answer.headers).send(answer.body);
  };
}
