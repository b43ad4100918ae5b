import type { AttemptRecord } from '../../readiness/AttemptRecord.js';

/** How a timeline colours an attempt bar. */
export type AttemptKind = 'ready' | 'degraded' | 'failed' | 'retried';

/** An attempt followed by another was retried; the last one is coloured by its outcome. */
export function attemptKind(attempt: AttemptRecord, isLast: boolean): AttemptKind {
  if (!isLast) return 'retried';
  switch (attempt.outcome) {
    case 'ready':
      return 'ready';
    case 'unhealthy':
      return 'degraded';
    case 'failed':
    case 'timeout':
    case 'cancelled':
      return 'failed';
  }
}
