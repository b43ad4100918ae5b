import { maxTimerMs } from '../component/validateOptions.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { ShutdownReport } from './ShutdownReport.js';

/**
 * Options of `warmup.shutdown()`.
 *
 * @example
 * ```ts
 * await warmup.shutdown({
 *   drainMs: 5_000,                                  // readiness fails first; load balancers notice
 *   beforeStop: () => new Promise((done) => server.close(() => done())), // then stop taking requests
 * });                                                // then the components stop, dependents first
 * ```
 */
export interface ShutdownOptions {
  /**
   * Time between readiness failing (phase `stopping`) and the first hook, so load balancers stop
   * routing here first. Default 0. A boot in progress is cancelled right away, not after the drain.
   */
  readonly drainMs?: number;
  /**
   * Runs after the drain and before any component stops: close your own HTTP server here (stop
   * accepting, let in-flight requests finish), so no request uses a component being stopped. It
   * gets the Warmup's `shutdownTimeout`; its signal aborts when that passes. A throw or a timeout is
   * recorded in the report's `beforeStop` and the components still stop.
   */
  readonly beforeStop?: (signal: AbortSignal) => void | Promise<void>;
}

/**
 * Options of `warmup.enableShutdownHooks()`: which signals start the shutdown, the shutdown's own
 * options, and how the process exits afterwards.
 *
 * @example
 * ```ts
 * warmup.enableShutdownHooks({
 *   signals: ['SIGTERM', 'SIGINT'],
 *   drainMs: 5_000,
 *   beforeStop: () => new Promise((done) => server.close(() => done())),
 * });
 * ```
 */
export interface ShutdownHooksOptions extends ShutdownOptions {
  /** The signals that start the shutdown. Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * What the process exits with once the shutdown is over: a code, a function of the report, or
   * `false` to not exit (the listeners are removed and the rest is up to you). Default: 0, or 1
   * when a hook failed or timed out. A shutdown that itself throws exits 1 either way.
   */
  readonly exitCode?: number | false | ((report: ShutdownReport) => number);
}

/** Throws InvalidOptionError for shutdown options preheat cannot use (named after `owner`). */
export function checkShutdownOptions(owner: string, options: ShutdownOptions): void {
  const { drainMs, beforeStop } = options;
  if (drainMs !== undefined && !(typeof drainMs === 'number' && drainMs >= 0 && drainMs <= maxTimerMs)) {
    throw new InvalidOptionError(owner, 'drainMs', `must be a number of ms between 0 and ${maxTimerMs}`, drainMs);
  }
  if (beforeStop !== undefined && typeof beforeStop !== 'function') {
    throw new InvalidOptionError(owner, 'beforeStop', 'must be a function (close your server here)', beforeStop);
  }
}
