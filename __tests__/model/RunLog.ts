import type { AttemptOutcome, BootReport, ComponentStatus, Phase } from '../../src/index.js';

/** What a thrown or rejected value looked like, as far as the model cares. */
export interface ErrorInfo {
  readonly name: string;
  readonly code?: string;
  readonly failedRequired?: readonly string[];
  readonly cause?: ErrorInfo;
  readonly report?: BootReport;
  readonly path?: readonly string[];
}

/**
 * One thing that happened during a run, in the order it happened. `c` is a component index.
 * Entries come from `events$` (status, attempt, warning), `phase$`, the instrumented loaders,
 * health checks and shutdown hooks (load, settled, health, dispose), and the test driver.
 */
export type Entry =
  | { readonly k: 'boot-call' }
  | { readonly k: 'boot-end'; readonly ok: boolean; readonly report?: BootReport; readonly error?: ErrorInfo }
  | { readonly k: 'status'; readonly c: number; readonly from: ComponentStatus; readonly to: ComponentStatus; readonly error?: ErrorInfo }
  | { readonly k: 'attempt'; readonly c: number; readonly n: number; readonly outcome: AttemptOutcome }
  | { readonly k: 'warning'; readonly c: number; readonly message: string }
  | { readonly k: 'phase'; readonly phase: Phase }
  /** A loader (or class constructor) was called; `gets` is what `ctx.get` returned per dependency (an instance id, null, or `threw:CODE`). */
  | { readonly k: 'load'; readonly c: number; readonly n: number; readonly ctxAttempt?: number; readonly gets: readonly (string | null)[] }
  /** A class's `onWarmup` was called (a loader's work starts with its `load` entry). */
  | { readonly k: 'warmup'; readonly c: number; readonly n: number }
  /** The loader / onWarmup settled on its own: resolved with its instance, or rejected / threw. */
  | { readonly k: 'settled'; readonly c: number; readonly n: number; readonly how: 'value' | 'reject' }
  | { readonly k: 'health'; readonly c: number; readonly n: number; readonly id: string }
  | { readonly k: 'dispose'; readonly c: number; readonly id: string }
  | { readonly k: 'get-async-call'; readonly call: number; readonly c: number; readonly via?: 'container' }
  | { readonly k: 'get-async-end'; readonly call: number; readonly c: number; readonly id?: string; readonly error?: ErrorInfo }
  | { readonly k: 'shutdown-call'; readonly drainMs?: number }
  | { readonly k: 'shutdown-end' }
  | { readonly k: 'container-get'; readonly c: number; readonly id?: string; readonly error?: ErrorInfo }
  | { readonly k: 'unhandled'; readonly reason: string }
  /** A value of `progress$` (after `boot()` was called). */
  | { readonly k: 'progress'; readonly total: number; readonly settled: number }
  /** `warmup.report()` was taken: by an action, or at the very end of the run (`final`). */
  | { readonly k: 'report'; readonly report: BootReport; readonly final: boolean }
  /** At the end of the run: a report given out earlier (by boot(), BootError, report()) no longer reads as it did then. */
  | { readonly k: 'report-drift'; readonly detail: string };

/** An entry with its virtual time (ms since the run began) and its position in the log. */
export type Logged = Entry & { readonly t: number; readonly pos: number };

/** The whole story of one run. */
export class RunLog {
  readonly entries: Logged[] = [];
  constructor(private readonly t0: number) {}

  push(entry: Entry): void {
    this.entries.push({ ...entry, t: Date.now() - this.t0, pos: this.entries.length });
  }

  /** One line per entry, for failure messages. */
  format(names: readonly string[], from = 0, to = this.entries.length): string {
    return this.entries
      .slice(from, to)
      .map((e) => `#${e.pos} @${e.t} ${describe(e, names)}`)
      .join('\n');
  }
}

function describe(e: Entry, names: readonly string[]): string {
  const n = (c: number): string => names[c] ?? `?${c}`;
  const err = (x: ErrorInfo | undefined): string => (x === undefined ? '' : ` ${x.code ?? x.name}${x.cause ? ` (cause ${x.cause.code ?? x.cause.name})` : ''}`);
  switch (e.k) {
    case 'boot-call':
    case 'shutdown-end':
      return e.k;
    case 'shutdown-call':
      return `shutdown-call${e.drainMs === undefined ? '' : ` (drainMs ${e.drainMs})`}`;
    case 'boot-end':
      return `boot-end ${e.ok ? 'resolved' : 'rejected'}${err(e.error)}${e.error?.failedRequired ? ` [${e.error.failedRequired.join(',')}]` : ''}`;
    case 'status':
      return `status ${n(e.c)} ${e.from}→${e.to}${err(e.error)}`;
    case 'attempt':
      return `attempt ${n(e.c)}#${e.n} ${e.outcome}`;
    case 'warning':
      return `warning ${n(e.c)}: ${e.message}`;
    case 'phase':
      return `phase ${e.phase}`;
    case 'load':
      return `load ${n(e.c)}#${e.n}${e.gets.length > 0 ? ` gets [${e.gets.join(',')}]` : ''}`;
    case 'warmup':
      return `onWarmup ${n(e.c)}#${e.n}`;
    case 'settled':
      return `loader ${n(e.c)}#${e.n} ${e.how === 'value' ? 'resolved' : 'rejected'}`;
    case 'health':
      return `health check ${e.id}`;
    case 'dispose':
      return `dispose ${e.id}`;
    case 'get-async-call':
      return `${e.via === 'container' ? 'container.' : ''}getAsync#${e.call}(${n(e.c)})`;
    case 'get-async-end':
      return `getAsync#${e.call}(${n(e.c)}) → ${e.id ?? ''}${err(e.error)}`;
    case 'container-get':
      return `container.get(${n(e.c)}) → ${e.id ?? ''}${err(e.error)}`;
    case 'unhandled':
      return `UNHANDLED REJECTION ${e.reason}`;
    case 'progress':
      return `progress ${e.settled}/${e.total}`;
    case 'report':
      return `warmup.report()${e.final ? ' (final)' : ''}`;
    case 'report-drift':
      return `a report changed after it was given: ${e.detail}`;
  }
}
