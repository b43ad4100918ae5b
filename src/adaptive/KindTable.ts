/**
 * What a kind of work is known to use: one row per component, Chrome-predictor style.
 *
 * @example
 * ```ts
 * const row: KindRow = profile.kinds.search!.rows.db!;
 * const confidence = row.hits / (row.hits + row.misses);
 * ```
 */
export interface KindRow {
  /** Units of this kind that used the component while it was in the table. */
  hits: number;
  /** Units of this kind that did not use it while it was in the table. */
  misses: number;
  /** Misses in a row; at {@link KindTableLimits.maxConsecutiveMisses} the row is dropped. */
  consecutiveMisses: number;
}

/** Bounds of a {@link KindTable}. */
export interface KindTableLimits {
  /** Kinds kept at most; the least recently observed goes first. Default 64. */
  readonly maxKinds: number;
  /** Components per kind at most; the least confident goes first. Default 32. */
  readonly maxPerKind: number;
  /** Misses in a row that drop a row. Default 3. */
  readonly maxConsecutiveMisses: number;
}

export const defaultKindTableLimits: KindTableLimits = { maxKinds: 64, maxPerKind: 32, maxConsecutiveMisses: 3 };

/** A kind's rows, by component name, and how many units of it were observed. */
export interface KindEntry {
  runs: number;
  readonly rows: Map<string, KindRow>;
}

/**
 * Which components each kind of work used, as hits and misses (like Chrome's loading predictor):
 * `confidence = hits / (hits + misses)`; three misses in a row drop a row; kinds and rows per kind
 * are bounded, so a service that invents a kind per request cannot grow it without end. Keyed by
 * component name, so it persists across boots in the profile.
 */
export class KindTable {
  /** Insertion order is recency: observing a kind moves it to the end. */
  readonly kinds = new Map<string, KindEntry>();

  constructor(readonly limits: KindTableLimits = defaultKindTableLimits) {}

  /** One unit of `kind` is over and used `used`: every row scores a hit or a miss; new uses get a row. */
  observe(kind: string, used: ReadonlySet<string>): void {
    let entry = this.kinds.get(kind);
    if (entry === undefined) entry = { runs: 0, rows: new Map() };
    else this.kinds.delete(kind);
    this.kinds.set(kind, entry);
    entry.runs++;
    for (const [name, row] of entry.rows) {
      if (used.has(name)) {
        row.hits++;
        row.consecutiveMisses = 0;
      } else {
        row.misses++;
        if (++row.consecutiveMisses >= this.limits.maxConsecutiveMisses) entry.rows.delete(name);
      }
    }
    for (const name of used) {
      if (entry.rows.has(name)) continue;
      if (entry.rows.size >= this.limits.maxPerKind) this.#evictLeastConfident(entry);
      entry.rows.set(name, { hits: 1, misses: 0, consecutiveMisses: 0 });
    }
    while (this.kinds.size > this.limits.maxKinds) this.kinds.delete(this.kinds.keys().next().value!);
  }

  /** hits / (hits + misses) of `name` for `kind`; 0 when there is no row. */
  confidence(kind: string, name: string): number {
    const row = this.kinds.get(kind)?.rows.get(name);
    return row === undefined ? 0 : row.hits / (row.hits + row.misses);
  }

  /** The rows of `kind` (empty when unknown). */
  rows(kind: string): ReadonlyMap<string, Readonly<KindRow>> {
    return this.kinds.get(kind)?.rows ?? empty;
  }

  #evictLeastConfident(entry: KindEntry): void {
    let worst: string | undefined;
    let worstScore = Infinity;
    for (const [name, row] of entry.rows) {
      const score = row.hits / (row.hits + row.misses);
      if (score < worstScore) {
        worst = name;
        worstScore = score;
      }
    }
    if (worst !== undefined) entry.rows.delete(worst);
  }
}

const empty: ReadonlyMap<string, KindRow> = new Map();
