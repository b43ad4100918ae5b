import type { AttemptOutcome, ComponentStatus } from '../../../src/index.js';

/** Something the model says must show up in the log within `[lo, hi]` virtual ms. */
export type Expectation = { readonly lo: number; readonly hi: number; readonly what: string } & (
  | { readonly kind: 'load'; readonly c: number; readonly n: number }
  | { readonly kind: 'attempt'; readonly c: number; readonly n: number; readonly outcome: AttemptOutcome }
  | { readonly kind: 'status'; readonly c: number; readonly to: ComponentStatus; readonly codes: readonly string[] }
  | { readonly kind: 'health'; readonly c: number; readonly n: number }
  | { readonly kind: 'dispose'; readonly c: number; readonly id: string }
  /** `oversize`: runs alone, over the memory budget; `abandoned` / `finished`: attempt `n`'s work ignored its signal, and later settled. */
  | { readonly kind: 'warning'; readonly c: number; readonly about: 'oversize' | 'abandoned' | 'finished'; readonly n?: number }
  | { readonly kind: 'get-async-end'; readonly c: number; readonly call: number; readonly id?: string; readonly cause?: string }
  | { readonly kind: 'boot-end'; readonly c: -1 }
);

type Kind = Expectation['kind'];
type Of<K extends Kind> = Extract<Expectation, { kind: K }>;

/** The open expectations of a run. Small (a few per component), so plain scans are enough. */
export class Expectations {
  #list: Expectation[] = [];

  add(e: Expectation): void {
    this.#list.push(e);
  }

  /** Removes and returns the first expectation of that kind that `match` accepts. */
  take<K extends Kind>(kind: K, match: (e: Of<K>) => boolean): Of<K> | undefined {
    const i = this.#list.findIndex((e) => e.kind === kind && match(e as Of<K>));
    if (i < 0) return undefined;
    return this.#list.splice(i, 1)[0] as Of<K>;
  }

  has<K extends Kind>(kind: K, match: (e: Of<K>) => boolean): boolean {
    return this.#list.some((e) => e.kind === kind && match(e as Of<K>));
  }

  /** Drops what a component expected of those kinds (a cancellation rewrites its future). */
  drop(c: number, kinds: readonly Kind[]): void {
    this.#list = this.#list.filter((e) => e.c !== c || !kinds.includes(e.kind));
  }

  /** Removes and returns every expectation whose window closed before `t`. */
  overdue(t: number): Expectation[] {
    const late = this.#list.filter((e) => e.hi < t);
    if (late.length > 0) this.#list = this.#list.filter((e) => e.hi >= t);
    return late;
  }

  get size(): number {
    return this.#list.length;
  }
}
