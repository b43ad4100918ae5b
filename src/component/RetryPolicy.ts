import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { BackoffConfig } from './ComponentOptions.js';

/**
 * The one retry policy: how many more tries, and how long to wait before each. A component's load
 * attempts (`retries` + `backoff`) and the health monitor's recoveries (`recoveryAttempts` +
 * `backoff`) both run on it.
 */
export interface RetryPolicy {
  /** Tries after the first (retries), or recoveries (the monitor). */
  readonly count: number;
  /** Base delay in ms. */
  readonly delay: number;
  /** Growth per try. */
  readonly factor: number;
  /** Cap on one delay, ms. */
  readonly maxDelay: number;
  /** Random spread as a fraction of the delay, 0..1. */
  readonly jitter: number;
}

/** Documented defaults of {@link BackoffConfig}. */
export const backoffDefaults = Object.freeze({ delay: 1_000, factor: 2, maxDelay: 30_000, jitter: 0 });

/** Policies without a backoff of their own share one frozen object per count (most components: 0). */
const shared = new Map<number, RetryPolicy>();

/**
 * The policy for `count` tries with `backoff` (defaults filled in), after checking both; throws
 * InvalidOptionError naming `owner` and the option (`countOption`, `backoff.delay`, …).
 */
export function resolveRetryPolicy(owner: string, countOption: string, count: number, backoff: BackoffConfig | undefined): RetryPolicy {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new InvalidOptionError(owner, countOption, 'must be a whole number ≥ 0', count);
  }
  if (backoff === undefined) {
    let policy = shared.get(count);
    if (policy === undefined) shared.set(count, (policy = Object.freeze({ count, ...backoffDefaults })));
    return policy;
  }
  checkBackoff(owner, backoff);
  return {
    count,
    delay: backoff.delay ?? backoffDefaults.delay,
    factor: backoff.factor ?? backoffDefaults.factor,
    maxDelay: backoff.maxDelay ?? backoffDefaults.maxDelay,
    jitter: backoff.jitter ?? backoffDefaults.jitter,
  };
}

/**
 * Delay in ms before the try after try `n` (1-based): `delay * factor^(n-1)`, capped at `maxDelay`,
 * then spread by ±`jitter` using `random()` in [0, 1), and capped again. Throws InvalidOptionError
 * when `random` answers outside [0, 1).
 */
export function retryDelay(policy: RetryPolicy, n: number, random: () => number): number {
  const base = Math.min(policy.maxDelay, policy.delay * policy.factor ** (n - 1));
  if (policy.jitter === 0) return base;
  const r = random();
  if (!(typeof r === 'number' && r >= 0 && r < 1)) throw new InvalidOptionError('Warmup', 'random', 'must return a number in [0, 1)', r);
  return Math.max(0, Math.min(policy.maxDelay, base + base * policy.jitter * (2 * r - 1)));
}

function checkBackoff(owner: string, backoff: BackoffConfig): void {
  if (typeof backoff !== 'object' || backoff === null || Array.isArray(backoff)) {
    throw new InvalidOptionError(owner, 'backoff', 'must be an object { delay, factor, maxDelay, jitter }', backoff);
  }
  const { delay, factor, maxDelay, jitter } = backoff;
  if (delay !== undefined && !isFiniteAtLeast(delay, 0)) throw new InvalidOptionError(owner, 'backoff.delay', 'must be a finite number ≥ 0', delay);
  if (maxDelay !== undefined && !isFiniteAtLeast(maxDelay, 0)) {
    throw new InvalidOptionError(owner, 'backoff.maxDelay', 'must be a finite number ≥ 0', maxDelay);
  }
  if (factor !== undefined && !isFiniteAtLeast(factor, 1)) throw new InvalidOptionError(owner, 'backoff.factor', 'must be a finite number ≥ 1', factor);
  if (jitter !== undefined && !(typeof jitter === 'number' && jitter >= 0 && jitter <= 1)) {
    throw new InvalidOptionError(owner, 'backoff.jitter', 'must be between 0 and 1', jitter);
  }
}

function isFiniteAtLeast(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}
