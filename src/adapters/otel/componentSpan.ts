import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import { ComponentStatus, priorityName, type ComponentReport } from '../../index.js';
import { PreheatAttributes as A } from './PreheatAttributes.js';

/** The span name of one component's load: low-cardinality prefix, readable in a waterfall. */
export function componentSpanName(name: string): string {
  return `preheat.load ${name}`;
}

/**
 * Completes a load span from the component's report: attributes, one event per attempt (with its
 * error), the error status; then ends it at `endTime`. `liveError` is the Error object seen on the
 * settle event, when the span was live; a backfilled span only has the report's message.
 */
export function finishComponentSpan(span: Span, c: ComponentReport, settled: ComponentStatus, endTime: number, liveError: Error | undefined): void {
  span.setAttributes({
    [A.COMPONENT_PRIORITY]: priorityName(c.priority),
    [A.COMPONENT_EFFECTIVE_PRIORITY]: priorityName(c.effectivePriority),
    [A.COMPONENT_WAVE]: priorityName(c.wave),
    [A.COMPONENT_REQUIRED]: c.required,
    [A.COMPONENT_ATTEMPTS]: c.attempts,
    [A.COMPONENT_OUTCOME]: settled,
    ...(c.errorCode === undefined ? {} : { [A.COMPONENT_ERROR_CODE]: c.errorCode }),
  });
  for (const attempt of c.attemptHistory) {
    span.addEvent(
      A.EVENT_ATTEMPT,
      {
        [A.ATTEMPT_NUMBER]: attempt.attempt,
        [A.ATTEMPT_OUTCOME]: attempt.outcome,
        ...(attempt.error === undefined ? {} : { [A.ATTEMPT_ERROR]: attempt.error }),
      },
      attempt.finishedAt,
    );
  }
  const failed = settled === ComponentStatus.Failed;
  if (liveError === undefined && c.lastError !== undefined && settled !== ComponentStatus.Stopped) {
    span.recordException({ name: c.errorCode ?? 'Error', message: c.lastError, ...(c.errorCode === undefined ? {} : { code: c.errorCode }) }, endTime);
  }
  // Degraded loaded and is in use, so it is not an error span; its exception and outcome say enough.
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: liveError?.message ?? c.lastError ?? 'failed' });
  span.end(endTime);
}

/** The time a backfilled span starts: its first attempt, else when it left the queue. */
export function loadStartOf(c: ComponentReport): number | undefined {
  return c.attemptHistory[0]?.startedAt ?? c.startedAt;
}
