import { Subject } from 'rxjs';
import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { AttemptOutcome, AttemptRecord } from '../run/AttemptRecord.js';
import type { ComponentEvent } from './ComponentEvent.js';

/**
 * The live state of every component, in flat arrays indexed like the registry, plus the event
 * stream. Events are built only while someone listens, so a 100,000-component boot nobody watches
 * allocates none.
 */
export class ComponentStates {
  readonly status: ComponentStatus[] = [];
  readonly instance: unknown[] = [];
  readonly error: (Error | undefined)[] = [];
  /**
   * Attempt history: undefined before the first attempt ends, {@link oneReadyAttempt} for the usual
   * single attempt that went well (its times are `startedAt`/`finishedAt`; no record is allocated),
   * otherwise the records.
   */
  readonly attempts: AttemptHistory[] = [];
  readonly startedAt: number[] = [];
  readonly finishedAt: number[] = [];
  readonly events = new Subject<ComponentEvent>();
  /** Watchers of one component's status (`status$`), by index: a change costs a lookup, not a scan. */
  readonly #watchers = new Map<number, Set<StatusWatcher>>();
  #closed = false;

  constructor(private readonly specs: readonly ComponentSpec[]) {}

  /** Makes room for `count` newly registered components. */
  grow(count: number): void {
    // Grown once to the exact size (pushing one by one would reallocate each array ~log n times).
    const from = this.status.length;
    const to = from + count;
    for (const column of [this.status, this.instance, this.error, this.attempts, this.startedAt, this.finishedAt] as unknown[][]) {
      column.length = to;
    }
    this.status.fill(ComponentStatus.Pending, from, to);
    this.instance.fill(undefined, from, to);
    this.error.fill(undefined, from, to);
    this.attempts.fill(undefined, from, to);
    this.startedAt.fill(NaN, from, to);
    this.finishedAt.fill(NaN, from, to);
  }

  /** Changes a status and tells `events$` (no-op when unchanged). */
  set(index: number, status: ComponentStatus, at: number, attempt?: number, error?: Error): void {
    const previous = this.status[index]!;
    if (previous === status) return;
    this.status[index] = status;
    if (this.events.observed) {
      this.emit('status', index, previous, at, { ...(attempt === undefined ? {} : { attempt }), ...(error === undefined ? {} : { error }) });
    }
    if (this.#watchers.size > 0) {
      const watchers = this.#watchers.get(index);
      if (watchers !== undefined) for (const watcher of watchers) watcher.next(status);
    }
  }

  /**
   * Calls `watcher.next` on each status change of one component (and `complete` when the states
   * close at shutdown); returns the function that stops watching. Costs nothing to the others.
   */
  watch(index: number, watcher: StatusWatcher): () => void {
    if (this.#closed) {
      watcher.complete();
      return noop;
    }
    let set = this.#watchers.get(index);
    if (set === undefined) this.#watchers.set(index, (set = new Set()));
    set.add(watcher);
    return () => {
      const current = this.#watchers.get(index);
      if (current?.delete(watcher) === true && current.size === 0) this.#watchers.delete(index);
    };
  }

  /** Completes `events$` and every status watcher (after shutdown). */
  complete(): void {
    if (this.#closed) return;
    this.#closed = true;
    const watchers = [...this.#watchers.values()];
    this.#watchers.clear();
    for (const set of watchers) for (const watcher of set) watcher.complete();
    this.events.complete();
  }

  recordAttempt(index: number, attempt: number, startedAt: number, finishedAt: number, outcome: AttemptOutcome, error?: string): void {
    const history = this.attempts[index];
    // The sentinel reads its end from `finishedAt`, which the engine sets right after this call: an
    // 'attempt' listener (the only code that runs in between) could build a report before that, so
    // while events$ is watched the record is kept as it is.
    if (history === undefined && attempt === 1 && outcome === 'ready' && !this.events.observed) this.attempts[index] = oneReadyAttempt;
    else {
      const record: AttemptRecord = error === undefined ? { attempt, startedAt, finishedAt, outcome } : { attempt, startedAt, finishedAt, outcome, error };
      if (Array.isArray(history)) history.push(record);
      else this.attempts[index] = [record];
    }
    if (this.events.observed) this.emit('attempt', index, this.status[index]!, finishedAt, { attempt, outcome, startedAt });
  }

  warn(index: number, at: number, message: string): void {
    if (this.events.observed) this.emit('warning', index, this.status[index]!, at, { message });
  }

  health(index: number, at: number, healthy: boolean, latencyMs: number, error?: Error): void {
    if (this.events.observed) {
      this.emit('health', index, this.status[index]!, at, { healthy, latencyMs, ...(error === undefined ? {} : { error }) });
    }
  }

  private emit(
    type: ComponentEvent['type'],
    index: number,
    previous: ComponentStatus,
    at: number,
    extra?: Partial<Pick<ComponentEvent, 'attempt' | 'startedAt' | 'error' | 'outcome' | 'message' | 'healthy' | 'latencyMs'>>,
  ): void {
    const spec = this.specs[index]!;
    this.events.next({ type, name: spec.name, token: spec.token, status: this.status[index]!, previous, at, ...extra });
  }
}

/** Told about one component's status changes (see {@link ComponentStates.watch}). */
export interface StatusWatcher {
  next(status: ComponentStatus): void;
  complete(): void;
}

function noop(): void {}

/** Marks the usual history, one attempt that ended ready, without a record (see {@link ComponentStates.attempts}). */
export const oneReadyAttempt: { readonly oneReadyAttempt: true } = Object.freeze({ oneReadyAttempt: true });

/** What {@link ComponentStates.attempts} holds per component. */
export type AttemptHistory = AttemptRecord[] | typeof oneReadyAttempt | undefined;

const noAttempts = Object.freeze([]) as unknown as AttemptRecord[];

/** The records of a history; the single ready attempt's record is built from the component's times. */
export function historyOf(attempts: AttemptHistory, startedAt: number, finishedAt: number): AttemptRecord[] {
  if (Array.isArray(attempts)) return attempts;
  return attempts === undefined ? noAttempts : [{ attempt: 1, startedAt, finishedAt, outcome: 'ready' }];
}
