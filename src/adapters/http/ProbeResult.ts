import type { Phase } from '../../index.js';

/**
 * Which Kubernetes probe: `startupProbe`, `readinessProbe` or `livenessProbe`.
 *
 * @example
 * ```ts
 * const kinds: ProbeKind[] = ['startup', 'readiness', 'liveness'];
 * kinds.map((kind) => probeWarmup(warmup, kind).ok);
 * ```
 */
export type ProbeKind = 'startup' | 'readiness' | 'liveness';

/**
 * The verdict of one probe, before it becomes an HTTP answer.
 *
 * @example
 * ```ts
 * const result = probeWarmup(warmup, 'readiness');
 * if (!result.ok) log.warn({ failed: result.failed, waiting: result.waiting }, result.reason);
 * ```
 */
export interface ProbeResult {
  readonly probe: ProbeKind;
  /** True: answer 200. False: answer 503. */
  readonly ok: boolean;
  readonly phase: Phase;
  /** Components that make the probe fail: Failed ones (liveness: those the monitor gave up on). */
  readonly failed: readonly string[];
  /** Components the probe waits for: still Pending or Loading. */
  readonly waiting: readonly string[];
  /** Degraded components that make readiness fail (only with the `degraded` option); absent when none. */
  readonly degraded?: readonly string[];
  /**
   * Components (of those the probe looks at) whose cached health result is older than its freshness
   * bound: the monitor is behind or stopped. Listed, never failed for: absent when none.
   */
  readonly stale?: readonly string[];
  /** Why it fails, for humans; absent when `ok`. */
  readonly reason?: string;
}
