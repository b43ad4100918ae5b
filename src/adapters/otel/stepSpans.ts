import { SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { ComponentReport } from '../../index.js';
import { PreheatAttributes as A } from './PreheatAttributes.js';

/** The span name of one step: low-cardinality prefix, then the step's own name. */
export function stepSpanName(name: string): string {
  return `preheat.step ${name}`;
}

/**
 * One child span per step of each attempt, under the load span (a nested step under its parent
 * step's span), with the step's times from the report, its tags as `preheat.step.tag.<key>`, the
 * attempt number, and status ERROR when it threw. Called when the load span is finished.
 */
export function recordStepSpans(tracer: Tracer, load: Span, parent: Context, c: ComponentReport): void {
  const loadContext = trace.setSpan(parent, load);
  for (const a of c.attemptHistory) {
    const steps = a.steps;
    if (steps === undefined) continue;
    const contexts: Context[] = [];
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k]!;
      const attributes: Record<string, string | number | boolean> = { [A.STEP_NAME]: s.name, [A.ATTEMPT_NUMBER]: a.attempt, [A.COMPONENT_NAME]: c.name };
      for (const [key, value] of Object.entries(s.tags ?? {})) attributes[`${A.STEP_TAG_PREFIX}${key}`] = value;
      if (s.unfinished === true) attributes[A.STEP_UNFINISHED] = true;
      const span = tracer.startSpan(stepSpanName(s.name), { startTime: s.startedAt, attributes }, s.parent === undefined ? loadContext : (contexts[s.parent] ?? loadContext));
      contexts.push(trace.setSpan(parent, span));
      if (s.error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: s.error });
      span.end(s.finishedAt);
    }
  }
}
