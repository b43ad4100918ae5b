import type { StepTags } from '../component/WarmupContext.js';
import { describeError } from '../errors/describeError.js';
import type { StepRecord } from '../readiness/StepRecord.js';
import type { TimeoutExtension } from '../readiness/TimeoutExtension.js';

/** A step while its attempt runs: `finishedAt` is NaN until it ends. */
interface LiveStep {
  readonly name: string;
  readonly startedAt: number;
  readonly parent: number;
  readonly tags: StepTags | undefined;
  finishedAt: number;
  error: string | undefined;
}

/** What an attempt's record gains from its detail (see {@link AttemptDetail.seal}). */
export interface SealedDetail {
  readonly steps?: StepRecord[];
  readonly extensions?: TimeoutExtension[];
}

/**
 * The steps and timeout extensions of one attempt while it runs. An attempt makes one only when its
 * work first calls `ctx.step` or `ctx.extendTimeout`, so the usual attempt allocates nothing for
 * either; {@link seal} turns it into the attempt record's fields when the attempt ends.
 */
export class AttemptDetail {
  readonly #steps: LiveStep[] = [];
  #extensions: TimeoutExtension[] | undefined;
  /** The deadline as moved by the last extension (NaN: never moved), and how to arm a timer for it. */
  deadline = NaN;
  armMs = 0;
  armFrom = 0;

  /** How many times the deadline moved. */
  get extensionCount(): number {
    return this.#extensions?.length ?? 0;
  }

  /** Records a step's start; returns its index (its children's `parent`). */
  open(name: string, parent: number, tags: StepTags | undefined, at: number): number {
    this.#steps.push({ name, startedAt: at, parent, tags, finishedAt: NaN, error: undefined });
    return this.#steps.length - 1;
  }

  /** Records a step's end; `failed` with what it threw. */
  close(index: number, at: number, failed: boolean, error?: unknown): void {
    const step = this.#steps[index];
    if (step === undefined || !Number.isNaN(step.finishedAt)) return;
    step.finishedAt = at;
    if (failed) step.error = describeError(error);
  }

  /** The deadline moved to `deadline` at `at`; the timer, when it fires, re-arms with `ms` from `from`. */
  extended(at: number, deadline: number, ms: number, from: number, capped: boolean): void {
    this.deadline = deadline;
    this.armMs = ms;
    this.armFrom = from;
    (this.#extensions ??= []).push(capped ? { at, deadline, capped: true } : { at, deadline });
  }

  /** The records as they stand at the attempt's end (`at`): a step still running ends there, unfinished. */
  seal(at: number): SealedDetail {
    const steps: StepRecord[] = [];
    for (const s of this.#steps) {
      const record: { -readonly [K in keyof StepRecord]: StepRecord[K] } = { name: s.name, startedAt: s.startedAt, finishedAt: Number.isNaN(s.finishedAt) ? at : s.finishedAt };
      if (s.parent >= 0) record.parent = s.parent;
      if (s.tags !== undefined) record.tags = s.tags;
      if (s.error !== undefined) record.error = s.error;
      if (Number.isNaN(s.finishedAt)) record.unfinished = true;
      steps.push(record);
    }
    const extensions = this.#extensions?.slice();
    if (steps.length === 0) return extensions === undefined ? {} : { extensions };
    return extensions === undefined ? { steps } : { steps, extensions };
  }
}
