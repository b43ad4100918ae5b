import { isPriority } from '../component/validateOptions.js';
import type { KindRow } from './KindTable.js';
import { profileFormatVersion, type ProfileEntry, type UsageProfile } from './UsageProfile.js';

/**
 * What {@link readProfile} found: a profile to use, or why the saved value is not one (`problem`,
 * a sentence, and `reason`, for code: `corrupt`, `stale` or `foreign`).
 *
 * @example
 * ```ts
 * const { profile, problem, reason } = readProfile(raw, hash, names);
 * ```
 */
export type ProfileReading =
  | { readonly profile: UsageProfile; readonly problem?: undefined; readonly reason?: undefined }
  | { readonly profile?: undefined; readonly problem: string; readonly reason: 'corrupt' | 'stale' | 'foreign' };

/**
 * Checks a saved value before anything trusts it: the shape (corrupt), the format version (stale)
 * and the graph hash (foreign: learned on other components or edges). Entries with unusable numbers
 * are dropped one by one, and entries of components this graph does not have (`known`) are ignored.
 * Never throws.
 *
 * @example
 * ```ts
 * const reading = readProfile(JSON.parse(text), 'g1-5f3c2a9e-12', new Set(['db', 'api']));
 * if (reading.problem !== undefined) console.warn(reading.problem);
 * ```
 */
export function readProfile(raw: unknown, graphHash: string, known: ReadonlySet<string>): ProfileReading {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'the saved profile is corrupt (not a JSON object)', reason: 'corrupt' };
  const value = raw as Partial<Record<keyof UsageProfile, unknown>>;
  if (value.format !== 'preheat-profile') return { problem: 'the saved profile is corrupt or foreign (no format: "preheat-profile")', reason: 'corrupt' };
  if (value.formatVersion !== profileFormatVersion) {
    return { problem: `the saved profile is stale: format version ${String(value.formatVersion)}, this preheat reads ${profileFormatVersion}`, reason: 'stale' };
  }
  if (value.graphHash !== graphHash) {
    return { problem: `the saved profile is foreign: learned on component graph ${String(value.graphHash)}, this one is ${graphHash}`, reason: 'foreign' };
  }
  if (!isRecord(value.components) || !isRecord(value.kinds) || !isCount(value.boots)) return { problem: 'the saved profile is corrupt (components, kinds or boots missing)', reason: 'corrupt' };
  const components: Record<string, ProfileEntry> = {};
  for (const [name, entry] of Object.entries(value.components)) {
    if (known.has(name) && isEntry(entry)) components[name] = entry;
  }
  const kinds: Record<string, { runs: number; rows: Record<string, KindRow> }> = {};
  for (const [kind, entry] of Object.entries(value.kinds)) {
    if (!isRecord(entry) || !isCount(entry.runs) || !isRecord(entry.rows)) continue;
    const rows: Record<string, KindRow> = {};
    for (const [name, row] of Object.entries(entry.rows)) if (known.has(name) && isRow(row)) rows[name] = { ...row };
    kinds[kind] = { runs: entry.runs, rows };
  }
  const updatedAt = typeof value.updatedAt === 'number' ? value.updatedAt : 0;
  return { profile: { format: 'preheat-profile', formatVersion: profileFormatVersion, graphHash, boots: value.boots, updatedAt, components, kinds } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isEntry(value: unknown): value is ProfileEntry {
  if (!isRecord(value)) return false;
  const optional = (v: unknown): boolean => v === undefined || isCount(v);
  return (
    isCount(value.gets) &&
    isCount(value.getAsyncs) &&
    isCount(value.injections) &&
    isCount(value.bootsUnused) &&
    optional(value.loadMs) &&
    optional(value.firstUseMs) &&
    (value.priority === undefined || isPriority(value.priority))
  );
}

function isRow(value: unknown): value is KindRow {
  return isRecord(value) && isCount(value.hits) && isCount(value.misses) && isCount(value.consecutiveMisses) && (value.hits) + (value.misses) > 0;
}
