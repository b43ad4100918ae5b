import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * An attempt (or a health check) took longer than its timeout. The attempt's AbortSignal is aborted
 * with this error as its `reason`.
 *
 * @example
 * ```ts
 * @Component({ timeout: 5_000 })
 * class Db { async onWarmup(signal: AbortSignal) { await connect({ signal }); } }
 * ```
 */
export class ComponentTimeoutError extends PreheatError {
  readonly code = ErrorCode.Timeout;
  /** The limit that was exceeded, in ms. */
  readonly timeoutMs: number;
  /** What timed out. */
  readonly phase: 'load' | 'health' | 'shutdown' | 'prime' | 'prepare';

  constructor(component: string, timeoutMs: number, phase: 'load' | 'health' | 'shutdown' | 'prime' | 'prepare', attempt?: number) {
    super(`Component '${component}' ${phaseText[phase]} did not finish within ${timeoutMs} ms${attempt === undefined ? '' : ` (attempt ${attempt})`}`, {
      component,
      attempt,
      hint: hints[phase],
    });
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}

const phaseText = { load: 'warm-up', health: 'health check', shutdown: 'shutdown hook', prime: 'priming', prepare: 'prepare() hook' } as const;
const hints = {
  load: "raise 'timeout', or make the warm-up honour its AbortSignal and finish sooner.",
  health: "health checks must be fast: raise 'healthTimeout' or make the check cheaper.",
  shutdown: "raise 'shutdownTimeout', or make onShutdown finish sooner.",
  prepare: "prepare() must be cheap (it runs on a guess): keep it well within 'timeout'.",
  prime: "priming runs within the component's 'timeout': make prime() cheaper (a few representative calls).",
} as const;
