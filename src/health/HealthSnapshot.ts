import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { ComponentStatus } from '../component/ComponentStatus.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { messageOf } from '../errors/messageOf.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import type { HealthRecords } from './HealthRecords.js';
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
  /** The components selected by the query, by name. */
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
  const components: Record<string, ComponentHealth> = {};
  for (const spec of specs) {
    if (!hasTags(spec, tags)) continue;
    const i = spec.index;
    const record = records.last(i);
    const base = { name: spec.name, status: states.status[i]!, mode: records.mode(i), tags: spec.health.tags, checking: records.checking(i) };
    let entry: ComponentHealth;
    if (record === undefined) entry = { ...base, fresh: false, stale: false };
    else {
      const ageMs = at - record.checkedAt;
      const fresh = ageMs <= (maxAge ?? defaultMaxAge(source, spec));
      const checks = record.checks.map((c) => {
        const check: HealthCheckReport = { name: c.name, weight: c.weight, score: c.score, latencyMs: c.latencyMs };
        return {
          ...check,
          ...(c.detail === undefined ? {} : { detail: c.detail }),
          ...(c.error === undefined ? {} : { error: messageOf(c.error) }),
        };
      });
      entry = { ...base, score: record.score, lastCheckedAt: record.checkedAt, ageMs, fresh, stale: !fresh, checks };
    }
    // Assigning to '__proto__' would set the object's prototype instead of adding a key.
    Object.defineProperty(components, spec.name, { value: entry, enumerable: true, writable: true, configurable: true });
  }
  return { at, components };
}

function defaultMaxAge(source: HealthSource, spec: ComponentSpec): number {
  const period = source.periodOf(spec.index);
  if (period === undefined) return Infinity;
  return 2 * period + (spec.healthTimeout ?? source.healthTimeout);
}
