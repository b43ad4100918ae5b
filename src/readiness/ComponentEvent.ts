import type { ServiceIdentifier } from 'inversify';
import type { ComponentStatus } from '../component/ComponentStatus.js';
import type { AttemptOutcome } from './AttemptRecord.js';

/**
 * What `events$` emits. `type: 'status'` for every status change (`previous` → `status`);
 * `'attempt'` when an attempt ends (`outcome` says how, `startedAt` when it began, `at` when it ended;
 * the status is unchanged, `previous === status`);
 * `'warning'` for something worth a look that changes nothing (`message`; a `'status'` event to
 * `skipped` carries the reason there too);
 * `'health'` for each check of the runtime monitor (`healthy`, `latencyMs`).
 *
 * @example
 * ```ts
 * warmup.events$.pipe(filter((e) => e.type === 'status')).subscribe((e) =>
 *   console.log(`${e.name}: ${e.previous} → ${e.status}`));
 * ```
 */
export interface ComponentEvent {
  readonly type: 'status' | 'attempt' | 'warning' | 'health';
  readonly name: string;
  readonly token: ServiceIdentifier;
  readonly status: ComponentStatus;
  readonly previous: ComponentStatus;
  /** Time from the Warmup's clock, ms since the epoch. */
  readonly at: number;
  readonly attempt?: number;
  /** For `'attempt'`: when the attempt started (same clock as `at`). */
  readonly startedAt?: number;
  readonly error?: Error;
  readonly outcome?: AttemptOutcome;
  readonly message?: string;
  readonly healthy?: boolean;
  readonly latencyMs?: number;
}
