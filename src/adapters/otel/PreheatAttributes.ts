/**
 * Attribute and event names preheat puts on its spans, for queries and dashboards.
 *
 * @example
 * ```ts
 * const slow = spans.filter((s) => s.attributes[PreheatAttributes.COMPONENT_OUTCOME] !== 'ready');
 * ```
 */
export const PreheatAttributes = {
  COMPONENT_NAME: 'preheat.component.name',
  /** Declared priority: `'CRITICAL'`, `'HIGH'`, `'MEDIUM'`, `'LOW'` or `'DEFERRED'`. */
  COMPONENT_PRIORITY: 'preheat.component.priority',
  /** Priority after inversion (the most urgent of its own and its dependents'). */
  COMPONENT_EFFECTIVE_PRIORITY: 'preheat.component.effective_priority',
  /** The wave it loaded in, by name. */
  COMPONENT_WAVE: 'preheat.component.wave',
  COMPONENT_REQUIRED: 'preheat.component.required',
  COMPONENT_ATTEMPTS: 'preheat.component.attempts',
  /** Status the load settled with: `'ready'`, `'degraded'`, `'failed'` or `'stopped'` (a `'skipped'` component has no load span). */
  COMPONENT_OUTCOME: 'preheat.component.outcome',
  COMPONENT_ERROR_CODE: 'preheat.component.error_code',
  BOOT_SCHEDULE: 'preheat.boot.schedule',
  BOOT_TOTAL: 'preheat.boot.total',
  BOOT_READY: 'preheat.boot.ready',
  BOOT_DEGRADED: 'preheat.boot.degraded',
  BOOT_FAILED: 'preheat.boot.failed',
  BOOT_FAILED_COMPONENTS: 'preheat.boot.failed_components',
  /** Components disabled by `enabled` (status `skipped`): they have no load span. */
  BOOT_SKIPPED: 'preheat.boot.skipped',
  BOOT_SKIPPED_COMPONENTS: 'preheat.boot.skipped_components',
  ATTEMPT_NUMBER: 'preheat.attempt.number',
  /** `'ready'`, `'unhealthy'`, `'failed'`, `'timeout'` or `'cancelled'`. */
  ATTEMPT_OUTCOME: 'preheat.attempt.outcome',
  ATTEMPT_ERROR: 'preheat.attempt.error',
  /** On a `preheat.step <name>` span: the step's name; its tags follow as `preheat.step.tag.<key>`. */
  STEP_NAME: 'preheat.step.name',
  STEP_TAG_PREFIX: 'preheat.step.tag.',
  /** On a step span: the step was still running when its attempt ended. */
  STEP_UNFINISHED: 'preheat.step.unfinished',
  /** On the `preheat.shutdown` span: components whose hooks ran (or had none) and ended well. */
  SHUTDOWN_STOPPED: 'preheat.shutdown.stopped',
  /** On the `preheat.shutdown` span: components whose hooks threw or timed out. */
  SHUTDOWN_FAILED: 'preheat.shutdown.failed',
  SHUTDOWN_FAILED_COMPONENTS: 'preheat.shutdown.failed_components',
  /** On a `preheat.stop <name>` span: `'stopped'`, `'failed'` or `'timeout'`. */
  STOP_OUTCOME: 'preheat.stop.outcome',
  HEALTH_HEALTHY: 'preheat.health.healthy',
  HEALTH_LATENCY_MS: 'preheat.health.latency_ms',
  /** Span event names. `preheat.shutdown` marks, on a boot span still open, the moment shutdown() cut it short. */
  EVENT_ATTEMPT: 'preheat.attempt',
  EVENT_HEALTH_CHECK: 'preheat.health_check',
  EVENT_SHUTDOWN: 'preheat.shutdown',
} as const;
