import { Subject } from 'rxjs';
import { ComponentStatus, isSettled, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { debug, debugEnabled } from '../debug.js';
import type { AttemptOutcome, AttemptRecord } from './AttemptRecord.js';
import type { ComponentEvent } from './ComponentEvent.js';
import { messageOf } from '../errors/messageOf.js';

/**
 * The live state of every component, in flat arrays indexed like the registry, plus the event
 * stream. This class is the only code that writes them: every change goes through a named method
 * (start, settle, degrade, restore, giveUp, release, stop, reset …), which also tells `events$` and
 * the status watchers. Events are built only while someone listens, so a 100,000-component boot
 * nobody watches allocates none.
 */
export class ComponentStates {
  readonly #status: ComponentStatus[] = [];
  readonly #instance: unknown[] = [];
  readonly #error: (Error | undefined)[] = [];
  readonly #attempts: AttemptHistory[] = [];
  readonly #startedAt: number[] = [];
  readonly #finishedAt: number[] = [];
  /** Attempts that timed out or were cancelled while their work, which ignores its signal, still runs. */
  readonly #abandoned: number[] = [];
  /** Why each Skipped component was skipped (few or none: a map, not a column). */
  readonly #skipReasons = new Map<number, string>();
  readonly #events = new Subject<ComponentEvent>();
  /** Watchers of one component's status (`status$`), by index: a change costs a lookup, not a scan. */
  readonly #watchers = new Map<number, Set<StatusWatcher>>();
  #closed = false;

  constructor(private readonly specs: readonly ComponentSpec[]) {}

  /** Statuses by index (read-only: change them through the methods). */
  get status(): readonly ComponentStatus[] {
    return this.#status;
  }

  /** Instances by index: set while Ready or Degraded. */
  get instance(): readonly unknown[] {
    return this.#instance;
  }

  /** The last error of each component. */
  get error(): readonly (Error | undefined)[] {
    return this.#error;
  }

  /**
   * Attempt history: undefined before the first attempt ends, {@link oneReadyAttempt} for the usual
   * single attempt that went well (its times are `startedAt`/`finishedAt`; no record is allocated),
   * otherwise the records.
   */
  get attempts(): readonly AttemptHistory[] {
    return this.#attempts;
  }

  get startedAt(): readonly number[] {
    return this.#startedAt;
  }

  get finishedAt(): readonly number[] {
    return this.#finishedAt;
  }

  /** Abandoned attempts still running, by index. */
  get abandoned(): readonly number[] {
    return this.#abandoned;
  }

  /** Why a Skipped component was skipped, else undefined. */
  skipReason(index: number): string | undefined {
    return this.#skipReasons.size === 0 ? undefined : this.#skipReasons.get(index);
  }

  /** Every status change, attempt and warning (see ComponentEvent). */
  get events(): Subject<ComponentEvent> {
    return this.#events;
  }

  /** The instance when usable, else undefined. */
  usableInstance(index: number): unknown {
    return isUsable(this.#status[index]!) ? this.#instance[index] : undefined;
  }

  /** Makes room for `count` newly registered components. */
  grow(count: number): void {
    // Grown once to the exact size (pushing one by one would reallocate each array ~log n times).
    const from = this.#status.length;
    const to = from + count;
    for (const column of [this.#status, this.#instance, this.#error, this.#attempts, this.#startedAt, this.#finishedAt, this.#abandoned] as unknown[][]) {
      column.length = to;
    }
    this.#status.fill(ComponentStatus.Pending, from, to);
    this.#instance.fill(undefined, from, to);
    this.#error.fill(undefined, from, to);
    this.#attempts.fill(undefined, from, to);
    this.#startedAt.fill(NaN, from, to);
    this.#finishedAt.fill(NaN, from, to);
    this.#abandoned.fill(0, from, to);
  }

  /** pending → loading: the component left the queue at `at`. */
  start(index: number, at: number): void {
    this.#startedAt[index] = at;
    this.#set(index, ComponentStatus.Loading, at);
  }

  /**
   * The load is over: Ready or Degraded with the instance, or Failed with the error (also a pending
   * component failed by its dependency or by a cancellation). `attempt` is the last attempt's number.
   */
  settle(index: number, status: ComponentStatus.Ready | ComponentStatus.Degraded | ComponentStatus.Failed, at: number, instance: unknown, error: Error | undefined, attempt?: number): void {
    this.#instance[index] = instance;
    this.#error[index] = error;
    this.#finishedAt[index] = at;
    this.#set(index, status, at, attempt, error);
  }

  /** pending → skipped, for good: its `enabled` option turned it off (the status event carries `reason` as `message`). */
  skip(index: number, at: number, reason: string): void {
    this.#skipReasons.set(index, reason);
    this.#set(index, ComponentStatus.Skipped, at, undefined, undefined, reason);
  }

  /** ready → degraded: the health monitor's checks failed, or a dependency was given up on. */
  degrade(index: number, error: Error, at: number): void {
    this.#error[index] = error;
    this.#set(index, ComponentStatus.Degraded, at, undefined, error);
  }

  /** degraded → ready: the health monitor's checks pass again (the last error stays in the report). */
  restore(index: number, at: number): void {
    this.#set(index, ComponentStatus.Ready, at);
  }

  /** → failed for good (the monitor gave up): the instance is forgotten and returned, to be disposed. */
  giveUp(index: number, error: Error, at: number): unknown {
    const instance = this.release(index);
    this.#error[index] = error;
    this.#set(index, ComponentStatus.Failed, at, undefined, error);
    return instance;
  }

  /** Forgets the instance (it is disposed or handed back); returns it. The status stays. */
  release(index: number): unknown {
    const instance = this.#instance[index];
    this.#instance[index] = undefined;
    return instance;
  }

  /** → stopped at shutdown, unless Failed or Skipped (which are final); the instance is forgotten. */
  stop(index: number, at: number): void {
    this.release(index);
    const status = this.#status[index];
    if (status !== ComponentStatus.Failed && status !== ComponentStatus.Skipped) this.#set(index, ComponentStatus.Stopped, at);
  }

  /** → pending again, to be loaded anew (a restart): instance, error and times are cleared. */
  reset(index: number, at: number): void {
    this.#instance[index] = undefined;
    this.#error[index] = undefined;
    this.#startedAt[index] = NaN;
    this.#finishedAt[index] = NaN;
    this.#set(index, ComponentStatus.Pending, at);
  }

  /** One attempt ended; `detail` holds its steps and timeout extensions, when it had any. */
  recordAttempt(index: number, attempt: number, startedAt: number, finishedAt: number, outcome: AttemptOutcome, error?: Error, detail?: AttemptDetailFields): void {
    const history = this.#attempts[index];
    const observed = this.#events.observed;
    // The sentinel reads its end from `finishedAt`, which is set right after this call: an
    // 'attempt' listener (the only code that runs in between) could build a report before that, so
    // while events$ is watched the record is kept as it is.
    if (history === undefined && attempt === 1 && outcome === 'ready' && !observed && detail === undefined) this.#attempts[index] = oneReadyAttempt;
    else {
      let record: AttemptRecord =
        error === undefined ? { attempt, startedAt, finishedAt, outcome } : { attempt, startedAt, finishedAt, outcome, error: messageOf(error) };
      if (detail !== undefined) record = { ...record, ...detail };
      if (Array.isArray(history)) history.push(record);
      else this.#attempts[index] = history === oneReadyAttempt ? [readyRecord(this, index), record] : [record];
    }
    if (debugEnabled) debug('attempt %s #%d %s', this.specs[index]!.name, attempt, outcome);
    if (observed) this.#emit('attempt', index, this.#status[index]!, finishedAt, { attempt, outcome, startedAt });
  }

  /** An aborted attempt's work still runs: it ignores its signal. Marked on the record and warned about. */
  abandon(index: number, attempt: number, at: number): void {
    this.#abandoned[index]!++;
    this.#markRecord(index, attempt, { abandoned: true });
    this.warn(index, at, `attempt ${attempt} was abandoned but its work is still running: it ignores its AbortSignal`);
  }

  /** The work of an abandoned attempt finally settled. */
  abandonedSettled(index: number, attempt: number, at: number, how: string): void {
    this.#abandoned[index]!--;
    this.#markRecord(index, attempt, { abandoned: true, settledLateAt: at });
    this.warn(index, at, `the abandoned attempt ${attempt} finished: ${how}`);
  }

  warn(index: number, at: number, message: string): void {
    if (debugEnabled) debug('warning %s: %s', this.specs[index]!.name, message);
    if (this.#events.observed) this.#emit('warning', index, this.#status[index]!, at, { message });
  }

  /**
   * A warning about the Warmup rather than one component (a profile it refused, a snapshot it could
   * not write): a `warning` event whose `name` and `token` say what it is about (`'preheat:profile'`).
   */
  warnAbout(about: string, at: number, message: string): void {
    if (debugEnabled) debug('warning %s: %s', about, message);
    if (this.#events.observed) this.#events.next({ type: 'warning', name: about, token: about, status: ComponentStatus.Pending, previous: ComponentStatus.Pending, at, message });
  }

  health(index: number, at: number, healthy: boolean, latencyMs: number, error?: Error): void {
    if (this.#events.observed) {
      this.#emit('health', index, this.#status[index]!, at, { healthy, latencyMs, ...(error === undefined ? {} : { error }) });
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
    this.#events.complete();
  }

  #set(index: number, status: ComponentStatus, at: number, attempt?: number, error?: Error, message?: string): void {
    const previous = this.#status[index]!;
    if (previous === status) return;
    this.#status[index] = status;
    if (debugEnabled && isSettled(status)) debug('settle %s %s', this.specs[index]!.name, status);
    if (this.#events.observed) {
      this.#emit('status', index, previous, at, {
        ...(attempt === undefined ? {} : { attempt }),
        ...(error === undefined ? {} : { error }),
        ...(message === undefined ? {} : { message }),
      });
    }
    if (this.#watchers.size > 0) {
      const watchers = this.#watchers.get(index);
      if (watchers !== undefined) for (const watcher of watchers) watcher.next(status);
    }
  }

  #markRecord(index: number, attempt: number, marks: Pick<AttemptRecord, 'abandoned' | 'settledLateAt'>): void {
    const history = this.#attempts[index];
    if (!Array.isArray(history)) return;
    const k = history.findIndex((r) => r.attempt === attempt);
    if (k >= 0) history[k] = { ...history[k]!, ...marks };
  }

  #emit(
    type: ComponentEvent['type'],
    index: number,
    previous: ComponentStatus,
    at: number,
    extra?: Partial<Pick<ComponentEvent, 'attempt' | 'startedAt' | 'error' | 'outcome' | 'message' | 'healthy' | 'latencyMs'>>,
  ): void {
    const spec = this.specs[index]!;
    this.#events.next({ type, name: spec.name, token: spec.token, status: this.#status[index]!, previous, at, ...extra });
  }
}

/** What an attempt's record may gain besides its outcome: its steps and timeout extensions. */
export type AttemptDetailFields = Pick<AttemptRecord, 'steps' | 'extensions'>;

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

function readyRecord(states: ComponentStates, index: number): AttemptRecord {
  return historyOf(oneReadyAttempt, states.startedAt[index]!, states.finishedAt[index]!)[0]!;
}
