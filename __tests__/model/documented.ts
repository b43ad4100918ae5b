/**
 * The documented defaults and formulas the model reads, each from the docs (README "Components",
 * WarmupOptions, docs/errors.md), never from src/.
 */
import { Priority } from '../../src/index.js';
import type { ComponentPlan, Scenario } from './Scenario.js';

/** README: `timeout` 30_000, `retries` 0, `required` true, `memoryMb` 0; Warmup: healthTimeout 5_000. */
export const defaults = { timeout: 30_000, retries: 0, required: true, memoryMb: 0, healthTimeout: 5_000, maxConcurrent: 10 } as const;

export const codes = {
  timeout: 'PREHEAT_TIMEOUT',
  loadFailed: 'PREHEAT_LOAD_FAILED',
  unhealthy: 'PREHEAT_UNHEALTHY',
  dependencyFailed: 'PREHEAT_DEPENDENCY_FAILED',
  cancelled: 'PREHEAT_BOOT_CANCELLED',
  bootFailed: 'PREHEAT_BOOT_FAILED',
  notReady: 'PREHEAT_NOT_READY',
} as const;

export interface Resolved {
  readonly timeout: number;
  readonly retries: number;
  readonly required: boolean;
  readonly memoryMb: number;
  readonly healthTimeout: number;
  readonly delay: number;
  readonly factor: number;
  readonly maxDelay: number;
  readonly jitter: number;
}

/** README: backoff defaults to 1_000 ms, ×2, cap 30 s, no jitter, each key on its own. */
export function resolve(plan: ComponentPlan, scenario: Scenario): Resolved {
  return {
    timeout: plan.timeout ?? defaults.timeout,
    retries: plan.retries ?? defaults.retries,
    required: plan.required ?? defaults.required,
    memoryMb: plan.memoryMb ?? defaults.memoryMb,
    healthTimeout: plan.healthTimeout ?? scenario.options.healthTimeout ?? defaults.healthTimeout,
    delay: plan.backoff?.delay ?? 1_000,
    factor: plan.backoff?.factor ?? 2,
    maxDelay: plan.backoff?.maxDelay ?? 30_000,
    jitter: plan.backoff?.jitter ?? 0,
  };
}

/**
 * The wait before attempt `attempt + 1`: `min(maxDelay, delay·factor^(attempt−1))`, then spread by
 * ±jitter (BackoffConfig: "0.2 = ±20 %"). How `random` maps into the spread is not documented, so this
 * is a window; timers fire on whole ms, hence the rounding outwards.
 */
export function backoffWindow(r: Resolved, attempt: number): readonly [number, number] {
  const base = Math.min(r.maxDelay, r.delay * r.factor ** (attempt - 1));
  return [Math.floor(base * (1 - r.jitter)), Math.ceil(base * (1 + r.jitter))];
}

/** Priority inversion (README): a component loads in the most urgent wave of itself and every dependent. */
export function effectivePriorities(scenario: Scenario): Priority[] {
  const effective = scenario.components.map((c) => c.priority);
  // Edges only point to lower indices, so walking down visits every dependent before its dependencies.
  for (let i = effective.length - 1; i >= 0; i--) {
    for (const edge of scenario.components[i]!.deps) effective[edge.on] = Math.min(effective[edge.on]!, effective[i]!);
  }
  return effective;
}

export const isDeferred = (p: Priority): boolean => p === Priority.DEFERRED;
