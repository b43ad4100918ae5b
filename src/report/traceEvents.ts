import { priorityName } from '../component/Priority.js';
import type { AttemptRecord } from '../readiness/AttemptRecord.js';
import type { BootReport, ComponentReport } from './BootReport.js';
import { orderRows } from './orderRows.js';
import { waveSpans } from './waveSpans.js';

/**
 * One event of the Chrome trace-event format (the subset preheat writes): `'X'` complete events
 * with a duration, `'i'` instant events, `'M'` metadata that names the process and threads.
 *
 * @example
 * ```ts
 * const slowest = toTraceEvents(report).traceEvents.filter((e) => e.ph === 'X').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
 * ```
 */
export interface TraceEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: 'X' | 'i' | 'M';
  /** Microseconds after the boot started. */
  readonly ts: number;
  /** Microseconds; `'X'` events only. */
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  /** Scope of an instant event: `'t'` thread. */
  readonly s?: 't';
  readonly args?: Readonly<Record<string, unknown>>;
}

/**
 * The JSON object Perfetto and `chrome://tracing` open.
 *
 * @example
 * ```ts
 * await writeFile('trace.json', JSON.stringify(toTraceEvents(report)));
 * ```
 */
export interface TraceDocument {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly otherData: Readonly<Record<string, unknown>>;
}

const pid = 1;
const wavesTid = 0;

/**
 * The boot as a Chrome trace (`{ traceEvents: [...] }`), to open in https://ui.perfetto.dev or
 * `chrome://tracing`. Thread 0 shows the boot and its waves (with eager scheduling, where waves
 * overlap, each wave gets a thread). Every component that ran gets its own thread, in wave order,
 * with one `'X'` span for the whole load, one nested span per attempt and, inside each, a slice per
 * step (`cat: 'step'`, its tags in `args`). A component failed by a
 * dependency gets an instant event. `ts`/`dur` are µs after the boot started.
 *
 * @example
 * ```ts
 * await writeFile('trace.json', JSON.stringify(toTraceEvents(report)));
 * ```
 */
export function toTraceEvents(report: BootReport): TraceDocument {
  const us = (ms: number): number => toMicros(ms - report.startedAt);
  const events: TraceEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid, tid: wavesTid, args: { name: 'preheat boot' } },
    { name: 'thread_name', ph: 'M', ts: 0, pid, tid: wavesTid, args: { name: 'waves' } },
    { name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid: wavesTid, args: { sort_index: -1 } },
    {
      name: 'boot',
      cat: 'boot',
      ph: 'X',
      ts: 0,
      dur: duration(us, report.startedAt, report.finishedAt),
      pid,
      tid: wavesTid,
      args: { total: report.total, ready: report.readyCount, degraded: report.degradedCount, failed: report.failedCount },
    },
  ];
  // Spans on one thread must nest. Waves run one after another, except with eager scheduling,
  // where they overlap: then each wave gets a thread of its own.
  const spans = waveSpans(report);
  const eager = report.schedule === 'eager';
  spans.forEach((span, k) => {
    const name = `wave ${priorityName(span.wave)}`;
    const tid = eager ? k + 1 : wavesTid;
    if (eager) events.push({ name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name } }, { name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid, args: { sort_index: tid } });
    events.push({ name, cat: 'wave', ph: 'X', ts: us(span.start), dur: duration(us, span.start, span.end), pid, tid, args: { components: span.count } });
  });
  const firstComponentTid = eager ? spans.length + 1 : 1;
  const rows = orderRows(report).filter((c) => c.finishedAt !== undefined);
  rows.forEach((component, k) => pushComponent(events, component, firstComponentTid + k, us));
  return {
    traceEvents: events,
    displayTimeUnit: 'ms',
    otherData: { generator: 'preheat', schedule: report.schedule, ...isoDate(report.startedAt) },
  };
}

const maxMicros = Number.MAX_SAFE_INTEGER;

/** ms → whole µs, kept a safe integer: a report's times may be anything finite (or worse). */
function toMicros(ms: number): number {
  return Math.min(maxMicros, Math.max(-maxMicros, Math.round(ms * 1_000))) || 0;
}

/** Never negative (the viewers drop a span that ends before it starts: a clock stepped back), and a safe integer too. */
function duration(us: (ms: number) => number, start: number, end: number): number {
  return Math.min(maxMicros, Math.max(0, us(end) - us(start)));
}

/** `{ startedAt: ISO }`, or nothing for a time a Date cannot hold (toISOString would throw). */
function isoDate(ms: number): { startedAt?: string } {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? {} : { startedAt: date.toISOString() };
}

function pushComponent(events: TraceEvent[], c: ComponentReport, tid: number, us: (ms: number) => number): void {
  events.push(
    { name: 'thread_name', ph: 'M', ts: 0, pid, tid, args: { name: c.name } },
    { name: 'thread_sort_index', ph: 'M', ts: 0, pid, tid, args: { sort_index: tid } },
  );
  const wave = priorityName(c.wave);
  const args = {
    status: c.status,
    priority: priorityName(c.priority),
    wave,
    required: c.required,
    attempts: c.attempts,
    dependsOn: c.dependsOn,
    ...(c.lastError === undefined ? {} : { error: c.lastError }),
    ...(c.errorCode === undefined ? {} : { errorCode: c.errorCode }),
  };
  if (c.startedAt === undefined) {
    events.push({ name: `${c.name} (not run)`, cat: `component,${wave}`, ph: 'i', s: 't', ts: us(c.finishedAt!), pid, tid, args });
    return;
  }
  // The load span must enclose its attempts for the viewers to nest them.
  let start = c.startedAt;
  let end = c.finishedAt!;
  for (const a of c.attemptHistory) {
    start = Math.min(start, a.startedAt);
    end = Math.max(end, a.finishedAt);
  }
  events.push({ name: c.name, cat: `component,${wave}`, ph: 'X', ts: us(start), dur: duration(us, start, end), pid, tid, args });
  for (const a of c.attemptHistory) {
    events.push({
      name: `${c.name} #${a.attempt}`,
      cat: `attempt,${a.outcome}`,
      ph: 'X',
      ts: us(a.startedAt),
      dur: duration(us, a.startedAt, a.finishedAt),
      pid,
      tid,
      args: { attempt: a.attempt, outcome: a.outcome, ...(a.error === undefined ? {} : { error: a.error }) },
    });
    pushSteps(events, a, tid, us);
  }
}

/**
 * An attempt's steps as slices nested in its span (same thread; a child inside its parent, as the
 * viewers nest by time). Each is kept inside its attempt, so a clock that stepped cannot break the
 * nesting.
 */
function pushSteps(events: TraceEvent[], a: AttemptRecord, tid: number, us: (ms: number) => number): void {
  const steps = a.steps;
  if (steps === undefined) return;
  for (const s of steps) {
    const start = Math.min(Math.max(s.startedAt, a.startedAt), a.finishedAt);
    const end = Math.min(Math.max(s.finishedAt, start), a.finishedAt);
    events.push({
      name: s.name,
      cat: s.error === undefined ? 'step' : 'step,failed',
      ph: 'X',
      ts: us(start),
      dur: duration(us, start, end),
      pid,
      tid,
      args: {
        attempt: a.attempt,
        ...(s.parent === undefined ? {} : { parent: steps[s.parent]?.name }),
        ...(s.tags === undefined ? {} : { tags: s.tags }),
        ...(s.error === undefined ? {} : { error: s.error }),
        ...(s.unfinished === true ? { unfinished: true } : {}),
      },
    });
  }
}
