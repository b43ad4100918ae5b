/**
 * One component's part in a shutdown.
 *
 * @example
 * ```ts
 * const { components } = await warmup.shutdown();
 * components.db?.outcome; // 'stopped' | 'failed' | 'timeout' | 'skipped'
 * ```
 */
export interface ComponentShutdown {
  readonly name: string;
  /** `stopped`: hooks ran (or none); `failed`: a hook threw; `timeout`: hooks outlived shutdownTimeout; `skipped`: never loaded. */
  readonly outcome: 'stopped' | 'failed' | 'timeout' | 'skipped';
  readonly durationMs: number;
  readonly error?: string;
}

/**
 * How a shutdown step of the user's own (`beforeStop`) ended.
 *
 * @example
 * ```ts
 * const { beforeStop } = await warmup.shutdown({ beforeStop: closeServer });
 * if (beforeStop?.outcome !== 'done') log.warn(beforeStop, 'the server did not close cleanly');
 * ```
 */
export interface StepOutcome {
  readonly outcome: 'done' | 'failed' | 'timeout';
  readonly durationMs: number;
  readonly error?: string;
}

/**
 * What `shutdown()` resolves with.
 *
 * @example
 * ```ts
 * const report = await warmup.shutdown();
 * if (report.failed.length > 0) log.warn({ failed: report.failed }, 'unclean shutdown');
 * ```
 */
export interface ShutdownReport {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly durationMs: number;
  /** Names in the order their hooks finished. */
  readonly stopped: string[];
  /** Names whose hooks threw or timed out. */
  readonly failed: string[];
  readonly components: Record<string, ComponentShutdown>;
  /** How `beforeStop` ended, when one was given. */
  readonly beforeStop?: StepOutcome;
}
