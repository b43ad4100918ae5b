import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { ComponentStatus } from '../component/ComponentStatus.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { messageOf } from '../errors/messageOf.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { CheckOutcome } from '../run/checkHealth.js';
import type { Clock } from '../run/Clock.js';
import type { HealthRecord, HealthRecords } from './HealthRecords.js';
import type { OperatingMode } from './OperatingMode.js';

/**
 * Which components `warmup.health()` describes, and how old a result may be and still count as fresh.
 *
 * @example
 * ```ts
 * warmup.health({ tag: ['db', 'core'], maxAge: 30_000 }); // components tagged both db and core
 * ```
 */
export interface HealthQuery {
  /** Only components carrying this tag (every one of these tags, for a list). Default: all. */
  readonly tag?: string | readonly string[];
  /**
   * ms a result stays fresh. Default per component: `2 × period + healthTimeout` under the running
   * monitor (one missed check plus a slow one), or no limit when no monitor runs (nothing would
   * refresh it: the boot's check stands).
   */
  readonly maxAge?: number;
}

/**
 * One check's part of a component's last result.
 *
 * @example
 * ```ts
 * { name: 'latency', weight: 2, score: 0.5, latencyMs: 12, detail: { p99: 180 } }
 * ```
 */
export interface HealthCheckReport {
  readonly name: string;
  readonly weight: number;
  readonly score: number;
  readonly latencyMs: number;
  readonly detail?: unknown;
  /** Why it scored 0: false, a throw, a timeout or an answer that is no score. */
  readonly error?: string;
}

/**
 * One component in a {@link HealthSnapshot}: its last health result as it is now (never waiting on
 * a check that runs), with its age.
 *
 * @example
 * ```ts
 * const { mode, score, fresh } = warmup.health().components.db!; // 'normal', 0.85, true
 * ```
 */
export interface ComponentHealth {
  readonly name: string;
  readonly status: ComponentStatus;
  /** `'offline'` unless usable; then the last result's mode, `'full'` before any. */
  readonly mode: OperatingMode;
  /** The last result's score (weighted mean of its checks), once checked. */
  readonly score?: number;
  readonly tags: readonly string[];
  /** When the last result came (the Warmup's clock). */
  readonly lastCheckedAt?: number;
  /** ms since then. */
  readonly ageMs?: number;
  /** A result no older than `maxAge`. */
  readonly fresh: boolean;
  /** A result older than `maxAge`: the monitor is behind (or stopped); `score` and `mode` are the last known. */
  readonly stale: boolean;
  /** A check is running now (its result is not waited for). */
  readonly checking: boolean;
  /** Each check of the last result. */
  readonly checks?: readonly HealthCheckReport[];
}

/**
 * What `warmup.health()` returns: a snapshot of the cached results.
 *
 * @example
 * ```ts
 * const { components } = warmup.health({ tag: 'db' });
 * for (const c of Object.values(components)) if (c.stale) log.warn(`${c.name}: result is ${c.ageMs} ms old`);
 * ```
 */
export interface HealthSnapshot {
  /** When it was taken (the Warmup's clock). */
  readonly at: number;
  /** Names of the selected components whose result is stale (a cheap summary: probes read only this). */
  readonly stale: readonly string[];
  /** The components selected by the query, by name (built on first read, from what was taken at `at`). */
  readonly components: Record<string, ComponentHealth>;
}

/** What a snapshot reads. Internal. */
export interface HealthSource {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly records: HealthRecords;
  readonly clock: Clock;
  readonly healthTimeout: number;
  /** The component's period under the running monitor; undefined when none runs. */
  periodOf(index: number): number | undefined;
}

/** The tags of a query as a list; throws InvalidOptionError for anything but strings. */
export function queryTags(tag: HealthQuery['tag']): readonly string[] {
  if (tag === undefined) return [];
  const tags = typeof tag === 'string' ? [tag] : tag;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new InvalidOptionError('health', 'tag', 'must be a non-empty string or an array of them', tag);
  }
  return tags as readonly string[];
}

/** True when the component carries every tag. */
export function hasTags(spec: ComponentSpec, tags: readonly string[]): boolean {
  return tags.every((t) => spec.health.tags.includes(t));
}

/** Reads the cache: never starts or waits on a check. O(V). */
export function takeHealthSnapshot(source: HealthSource, query: HealthQuery = {}): HealthSnapshot {
  if (typeof query !== 'object' || query === null) throw new InvalidOptionError('health', 'options', 'must be an object ({ tag, maxAge })', query);
  const tags = queryTags(query.tag);
  const { maxAge } = query;
  if (maxAge !== undefined && !(typeof maxAge === 'number' && maxAge >= 0)) {
    throw new InvalidOptionError('health', 'maxAge', 'must be a number of ms ≥ 0 (Infinity for no limit)', maxAge);
  }
  const { specs, states, records, clock } = source;
  const at = clock.now();
  // Taken now, as cheaply as possible (a probe reads only `stale`); the objects come on first read.
  const taken: Taken[] = [];
  const stale: string[] = [];
  for (const spec of specs) {
    if (tags.length > 0 && !hasTags(spec, tags)) continue;
    const i = spec.index;
    const record = records.last(i);
    const fresh = record !== undefined && at - record.checkedAt <= (maxAge ?? defaultMaxAge(source, spec));
    if (record !== undefined && !fresh) stale.push(spec.name);
    taken.push({ spec, status: states.status[i]!, mode: records.mode(i), checking: records.checking(i), record, fresh });
  }
  const snapshot = { at, stale } as unknown as HealthSnapshot;
  Object.defineProperty(snapshot, 'components', {
    enumerable: true,
    configurable: true,
    get(): Record<string, ComponentHealth> {
      const components = buildComponents(taken, at);
      Object.defineProperty(snapshot, 'components', { value: components, enumerable: true, writable: false, configurable: false });
      return components;
    },
  });
  return snapshot;
}

/** One selected component as it was when the snapshot was taken. */
interface Taken {
  readonly spec: ComponentSpec;
  readonly status: ComponentStatus;
  readonly mode: OperatingMode;
  readonly checking: boolean;
  readonly record: HealthRecord | undefined;
  readonly fresh: boolean;
}

function buildComponents(taken: readonly Taken[], at: number): Record<string, ComponentHealth> {
  const components: Record<string, ComponentHealth> = {};
  for (const { spec, status, mode, checking, record, fresh } of taken) {
    // Built field by field, optional ones only when present: no spread objects per component.
    const entry: Mutable<ComponentHealth> = { name: spec.name, status, mode, tags: spec.health.tags, checking, fresh, stale: false };
    if (record !== undefined) {
      entry.score = record.score;
      entry.lastCheckedAt = record.checkedAt;
      entry.ageMs = at - record.checkedAt;
      entry.stale = !fresh;
      entry.checks = record.checks.map(toCheckReport);
    }
    // Assigning to '__proto__' would set the object's prototype instead of adding a key.
    if (spec.name === '__proto__') Object.defineProperty(components, spec.name, { value: entry, enumerable: true, writable: true, configurable: true });
    else components[spec.name] = entry;
  }
  return components;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toCheckReport(c: CheckOutcome): HealthCheckReport {
  const check: Mutable<HealthCheckReport> = { name: c.name, weight: c.weight, score: c.score, latencyMs: c.latencyMs };
  if (c.detail !== undefined) check.detail = c.detail;
  if (c.error !== undefined) check.error = messageOf(c.error);
  return check;
}

function defaultMaxAge(source: HealthSource, spec: ComponentSpec): number {
  const period = source.periodOf(spec.index);
  if (period === undefined) return Infinity;
  return 2 * period + (spec.healthTimeout ?? source.healthTimeout);
}
