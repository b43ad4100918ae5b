import { ComponentStatus, InvalidOptionError, isUsable, type ComponentId, type Warmup } from '../../index.js';

/**
 * One component a request needs that is not usable yet, in a {@link NotReadyAnswer}'s body.
 *
 * @example
 * ```json
 * { "component": "db", "status": "loading", "reason": "still loading" }
 * ```
 */
export interface NotReadyComponent {
  /** The component's name as preheat names it by default (a class's name, a symbol's description, the string). */
  readonly component: string;
  readonly status: ComponentStatus;
  /** Why it cannot serve, for humans. */
  readonly reason?: string;
}

/**
 * The JSON body of a {@link NotReadyAnswer}.
 *
 * @example
 * ```json
 * { "error": "not ready", "notReady": [{ "component": "Db", "status": "failed", "reason": "failed to load" }] }
 * ```
 */
export interface NotReadyBody {
  readonly error: 'not ready';
  readonly notReady: readonly NotReadyComponent[];
}

/**
 * What to answer a request whose components are not usable: framework-neutral, so each adapter
 * (Fastify, Express, Nest, a plain `http` listener) only copies it onto its response.
 *
 * @example
 * ```ts
 * const answer = checkRequires(warmup, [Db]);
 * if (answer !== undefined) res.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
 * ```
 */
export interface NotReadyAnswer {
  readonly status: 503;
  /** `retry-after` in whole seconds (RFC 9110 §10.2.3). */
  readonly headers: { readonly 'retry-after': string };
  readonly body: NotReadyBody;
}

/**
 * Options of {@link checkRequires}. Every field is optional.
 *
 * @example
 * ```ts
 * checkRequires(warmup, [Db], { retryAfter: 2, degraded: 'not-ready' });
 * checkRequires(warmup, [Db], { retryAfter: (notReady) => (notReady.some((c) => c.status === 'failed') ? 30 : 1) });
 * ```
 */
export interface ReadinessGateOptions {
  /**
   * `Retry-After`, in seconds (rounded up, at least 1): a number, or a function of what is not
   * ready. Default: 1 while the components are still pending or loading (a boot moves fast),
   * 5 once one of them failed or stopped (only a recovery or a restart brings it back).
   */
  readonly retryAfter?: number | ((notReady: readonly NotReadyComponent[]) => number);
  /** Whether a Degraded component (loaded, health check failing) may serve. Default `'ready'`. */
  readonly degraded?: 'ready' | 'not-ready';
}

const noOptions: ReadinessGateOptions = {};

/**
 * The per-request readiness gate: `undefined` when every component in `tokens` is usable (Ready,
 * or Degraded unless `degraded: 'not-ready'`), else the 503 to answer, with `Retry-After` and a
 * body naming each component that is not. The ready path allocates nothing: one status lookup per
 * token. Throws UnknownComponentError for a token nothing is registered under (check your
 * `requires` lists once, at startup, with {@link checkRequiresTokens}).
 *
 * A component stays usable through the shutdown's drain, so requests already routed here still
 * succeed; it answers 503 once its component has stopped.
 *
 * @example
 * ```ts
 * import { checkRequires } from 'preheat/http';
 *
 * http.createServer((req, res) => {
 *   const answer = checkRequires(warmup, [Db, 'cache']);
 *   if (answer !== undefined) {
 *     res.writeHead(answer.status, { ...answer.headers, 'content-type': 'application/json' });
 *     return res.end(JSON.stringify(answer.body));
 *   }
 *   // Db and 'cache' are usable: container.get(Db) is warm
 * });
 * ```
 */
export function checkRequires(warmup: Warmup, tokens: readonly ComponentId[], options: ReadinessGateOptions = noOptions): NotReadyAnswer | undefined {
  const strict = options.degraded === 'not-ready';
  // An index loop, not for…of: this runs on every request, and must cost a lookup per token only.
  for (let i = 0; i < tokens.length; i++) {
    if (!servable(warmup.getStatus(tokens[i]!), strict)) return notReady(warmup, tokens, strict, options.retryAfter);
  }
  return undefined;
}

/**
 * Checks a `requires` list once, when a route is declared: every entry names a registered
 * component, so a typo fails at startup rather than on the first request. Throws
 * InvalidOptionError for a list that is not an array, UnknownComponentError for an unknown token.
 *
 * @example
 * ```ts
 * checkRequiresTokens(warmup, [Db, 'cache'], 'GET /orders');
 * ```
 */
export function checkRequiresTokens(warmup: Warmup, tokens: unknown, where = 'requires'): asserts tokens is readonly ComponentId[] {
  if (!Array.isArray(tokens)) throw new InvalidOptionError(where, 'requires', 'must be a list of component tokens or names', tokens);
  for (const token of tokens as ComponentId[]) warmup.getStatus(token);
}

function servable(status: ComponentStatus, strict: boolean): boolean {
  return strict ? status === ComponentStatus.Ready : isUsable(status);
}

function notReady(
  warmup: Warmup,
  tokens: readonly ComponentId[],
  strict: boolean,
  retryAfter: ReadinessGateOptions['retryAfter'],
): NotReadyAnswer {
  const list: NotReadyComponent[] = [];
  for (const token of tokens) {
    const status = warmup.getStatus(token);
    if (!servable(status, strict)) list.push({ component: nameOf(token), status, reason: reasonOf(status) });
  }
  const seconds = typeof retryAfter === 'function' ? retryAfter(list) : (retryAfter ?? defaultRetryAfter(list));
  return { status: 503, headers: { 'retry-after': String(wholeSeconds(seconds)) }, body: { error: 'not ready', notReady: list } };
}

/** 1 s while loading (the boot is moving), 5 s once failed, stopped or skipped (only a recovery or a redeploy helps). */
function defaultRetryAfter(list: readonly NotReadyComponent[]): number {
  return list.some((c) => c.status === ComponentStatus.Failed || c.status === ComponentStatus.Stopped || c.status === ComponentStatus.Skipped) ? 5 : 1;
}

/** A header needs a whole, positive number of seconds; a bad value from a function must not break the answer. */
function wholeSeconds(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 1 ? Math.ceil(seconds) : 1;
}

function reasonOf(status: ComponentStatus): string {
  switch (status) {
    case ComponentStatus.Pending:
      return 'not loaded yet';
    case ComponentStatus.Loading:
      return 'still loading';
    case ComponentStatus.Degraded:
      return 'its health check fails';
    case ComponentStatus.Failed:
      return 'failed to load';
    case ComponentStatus.Stopped:
      return 'stopped: the service is shutting down';
    case ComponentStatus.Skipped:
      return 'disabled by its enabled option: it never loads';
    case ComponentStatus.Ready:
      return 'ready';
  }
}

/** The name a component registered under `token` gets when it is given none: preheat's own rule. */
function nameOf(token: ComponentId): string {
  if (typeof token === 'function') return token.name;
  if (typeof token === 'symbol') return token.description ?? token.toString();
  return String(token);
}
