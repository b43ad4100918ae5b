import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * How far a timed-out attempt could and did move its deadline (`maxTimeout`, `ctx.extendTimeout`).
 *
 * @example
 * ```ts
 * if (err instanceof ComponentTimeoutError && err.extension?.extensions === 0) console.warn('it never reported progress');
 * ```
 */
export interface TimeoutExtensionInfo {
  /** How many times `extendTimeout` moved the deadline. */
  readonly extensions: number;
  /** The deadline it timed out at, in ms from the attempt's start. */
  readonly deadlineMs: number;
  /** The component's `maxTimeout`. */
  readonly maxTimeoutMs: number;
}

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
  readonly phase: 'load' | 'health' | 'shutdown' | 'prime' | 'prepare' | 'recover';
  /** Set for a load attempt allowed to extend its deadline (`maxTimeout` above `timeout`). */
  readonly extension: TimeoutExtensionInfo | undefined;

  constructor(component: string, timeoutMs: number, phase: 'load' | 'health' | 'shutdown' | 'prime' | 'prepare' | 'recover', attempt?: number, extension?: TimeoutExtensionInfo) {
    super(`Component '${component}' ${phaseText[phase]} did not finish within ${extension === undefined ? timeoutMs : extension.deadlineMs} ms${attempt === undefined ? '' : ` (attempt ${attempt})`}${extensionText(timeoutMs, extension)}`, {
      component,
      attempt,
      hint: extension === undefined ? hints[phase] : extensionHint(extension),
    });
    this.timeoutMs = timeoutMs;
    this.phase = phase;
    this.extension = extension;
  }
}

function extensionText(timeoutMs: number, extension: TimeoutExtensionInfo | undefined): string {
  if (extension === undefined) return '';
  const { extensions, maxTimeoutMs } = extension;
  if (extensions === 0) return `: timeout ${timeoutMs} ms, never extended (maxTimeout ${maxTimeoutMs} ms)`;
  return `: timeout ${timeoutMs} ms, extended ${extensions} time${extensions === 1 ? '' : 's'} (maxTimeout ${maxTimeoutMs} ms)`;
}

function extensionHint({ deadlineMs, maxTimeoutMs }: TimeoutExtensionInfo): string {
  return deadlineMs >= maxTimeoutMs
    ? "it reached 'maxTimeout': raise it, or make the warm-up finish sooner."
    : 'it stopped reporting progress: call ctx.extendTimeout(ms) as it makes progress, or make the warm-up honour its AbortSignal.';
}

const phaseText = { load: 'warm-up', health: 'health check', shutdown: 'shutdown hook', prime: 'priming', prepare: 'prepare() hook', recover: 'recovery' } as const;
const hints = {
  load: "raise 'timeout', or make the warm-up honour its AbortSignal and finish sooner.",
  health: "health checks must be fast: raise 'healthTimeout' or make the check cheaper.",
  shutdown: "raise 'shutdownTimeout', or make onShutdown finish sooner.",
  prepare: "prepare() must be cheap (it runs on a guess): keep it well within 'timeout'.",
  prime: "priming runs within the component's 'timeout': make prime() cheaper (a few representative calls).",
  recover: "a recovery in place runs within the component's 'timeout': make recover() (or onWarmup) honour its AbortSignal and finish sooner.",
} as const;
