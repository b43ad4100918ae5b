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
  readonly phase: 'load' | 'health' | 'shutdown' | 'prime';

  constructor(component: string, timeoutMs: number, phase: 'load' | 'health' | 'shutdown' | 'prime', attempt?: number) {
    super(`Component '${component}' ${phaseText[phase]} did not finish within ${timeoutMs} ms${attempt === undefined ? '' : ` (attempt ${attempt})`}`, {
      component,
      attempt,
      hint: hints[phase],
    });
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}

const phaseText = { load: 'warm-up', health: 'health check', shutdown: 'shutdown hook', prime: 'priming' } as const;
const hints = {
  load: "raise 'timeout', or make the warm-up honour its AbortSignal and finish sooner.",
  health: "health checks must be fast: raise 'healthTimeout' or make the check cheaper.",
  shutdown: "raise 'shutdownTimeout', or make onShutdown finish sooner.",
  prime: "priming runs within the component's 'timeout': make prime() cheaper (a few representative calls).",
} as const;
