import type { WarmupContext } from './WarmupContext.js';
import type { HealthCheckResult } from '../health/HealthOptions.js';

/**
 * Async initialisation after construction. Honour the signal: it aborts on timeout and shutdown.
 * The second argument (optional to declare) records named steps and extends the timeout.
 *
 * @example
 * ```ts
 * @Component() class Db implements OnWarmup {
 *   async onWarmup(signal: AbortSignal, ctx: WarmupContext) {
 *     await ctx.step('ping', () => this.pool.query('select 1')); // signal: see docs/recipes.md
 *   }
 * }
 * ```
 */
export interface OnWarmup {
  onWarmup(signal: AbortSignal, ctx: WarmupContext): void | Promise<void>;
}

/**
 * Health probe run after each load (and by the runtime monitor): a boolean, a score in [0, 1] or
 * `{ score, detail }` (see docs/lifecycle.md#progressive-health). False, 0 or a throw means unhealthy.
 *
 * @example
 * ```ts
 * @Component() class Db implements CheckHealth {
 *   async checkHealth() { return (await this.pool.query('select 1')).rowCount === 1; }
 * }
 * ```
 */
export interface CheckHealth {
  checkHealth(signal: AbortSignal): HealthCheckResult | Promise<HealthCheckResult>;
}

/**
 * Release resources. Called at shutdown (dependents first), and on an instance that is discarded
 * (a late value after a timeout, an unhealthy instance that is retried).
 *
 * @example
 * ```ts
 * @Component() class Db implements OnShutdown { async onShutdown() { await this.pool.end(); } }
 * ```
 */
export interface OnShutdown {
  onShutdown(): void | Promise<void>;
}

/**
 * Priming: runs after the last wave and before `ready` (the boot report's `primeMs`), so the first
 * real request finds JIT-warm code; within the component's `timeout`, a failure is only a warning.
 *
 * @example
 * ```ts
 * @Component() class Templates implements Prime {
 *   prime() { this.render('home', sampleData); } // compiles the hot paths once
 * }
 * ```
 */
export interface Prime {
  prime(signal: AbortSignal): void | Promise<void>;
}
