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
  /** The loader / onWarmup settled on its own: resolved with its instance, or rejected / threw. */
  | { readonly k: 'settled'; readonly c: number; readonly n: number; readonly how: 'value' | 'reject' }
  | { readonly k: 'health'; readonly c: number; readonly n: number; readonly id: string }
  | { readonly k: 'dispose'; readonly c: number; readonly id: string }
  | { readonly k: 'get-async-call'; readonly call: number; readonly c: number }
  | { readonly k: 'get-async-end'; readonly call: number; readonly c: number; readonly id?: string; readonly error?: ErrorInfo }
  | { readonly k: 'shutdown-call' }
  | { readonly k: 'shutdown-end' }
  | { readonly k: 'container-get'; readonly c: number; readonly id?: string; readonly error?: ErrorInfo }
  | { readonly k: 'unhandled'; readonly reason: string }
  /** At the end of the run: the report boot() gave no longer reads as it did when it was given. */
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
    case 'shutdown-call':
    case 'shutdown-end':
      return e.k;
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
    case 'settled':
      return `loader ${n(e.c)}#${e.n} ${e.how === 'value' ? 'resolved' : 'rejected'}`;
    case 'health':
      return `health check ${e.id}`;
    case 'dispose':
      return `dispose ${e.id}`;
    case 'get-async-call':
      return `getAsync#${e.call}(${n(e.c)})`;
    case 'get-async-end':
      return `getAsync#${e.call}(${n(e.c)}) → ${e.id ?? ''}${err(e.error)}`;
    case 'container-get':
      return `container.get(${n(e.c)}) → ${e.id ?? ''}${err(e.error)}`;
    case 'unhandled':
      return `UNHANDLED REJECTION ${e.reason}`;
    case 'report-drift':
      return `report changed after boot(): ${e.detail}`;
  }
}
