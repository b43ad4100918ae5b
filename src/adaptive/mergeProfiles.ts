import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { KindRow } from './KindTable.js';
import type { ProfileEntry, UsageProfile } from './UsageProfile.js';

/**
 * Merges profiles of the same graph (a baseline recorded in CI over a scripted run, one learned in
 * production, one per replica), like Android's baseline + cloud profiles: counts add up, averages
 * are weighted by each profile's boots, a kind's hits and misses add up, and a component counts as
 * unused only as long as it was unused in all of them. Throws InvalidOptionError for profiles of
 * different graphs (a profile of another graph would be ignored at boot anyway).
 *
 * @example
 * ```ts
 * const merged = mergeProfiles(ciProfile, productionProfile);
 * await new FileProfileStore('.preheat/profile.json').save(merged);
 * ```
 */
export function mergeProfiles(first: UsageProfile, ...rest: readonly UsageProfile[]): UsageProfile {
  let merged = first;
  for (const next of rest) merged = mergeTwo(merged, next);
  return merged;
}

function mergeTwo(a: UsageProfile, b: UsageProfile): UsageProfile {
  if (a.graphHash !== b.graphHash) {
    throw new InvalidOptionError('mergeProfiles', 'graphHash', `profiles of different component graphs cannot be merged (${a.graphHash} and ${b.graphHash})`, b.graphHash);
  }
  const wa = Math.max(a.boots, 1);
  const wb = Math.max(b.boots, 1);
  const average = (x: number | undefined, y: number | undefined): number | undefined =>
    x === undefined ? y : y === undefined ? x : (x * wa + y * wb) / (wa + wb);
  const components: Record<string, ProfileEntry> = {};
  for (const name of new Set([...Object.keys(a.components), ...Object.keys(b.components)])) {
    const x = a.components[name];
    const y = b.components[name];
    if (x === undefined || y === undefined) {
      components[name] = (x ?? y)!;
      continue;
    }
    const entry: { -readonly [K in keyof ProfileEntry]: ProfileEntry[K] } = {
      gets: x.gets + y.gets,
      getAsyncs: x.getAsyncs + y.getAsyncs,
      injections: x.injections + y.injections,
      bootsUnused: Math.min(x.bootsUnused, y.bootsUnused),
    };
    const loadMs = average(x.loadMs, y.loadMs);
    if (loadMs !== undefined) entry.loadMs = loadMs;
    const firstUseMs = average(x.firstUseMs, y.firstUseMs);
    if (firstUseMs !== undefined) entry.firstUseMs = firstUseMs;
    const priority = x.priority === undefined ? y.priority : y.priority === undefined ? x.priority : Math.min(x.priority, y.priority);
    if (priority !== undefined) entry.priority = priority;
    components[name] = entry;
  }
  const kinds: Record<string, { runs: number; rows: Record<string, KindRow> }> = {};
  for (const kind of new Set([...Object.keys(a.kinds), ...Object.keys(b.kinds)])) {
    const x = a.kinds[kind];
    const y = b.kinds[kind];
    const rows: Record<string, KindRow> = {};
    for (const source of [x, y]) {
      if (source === undefined) continue;
      for (const [name, row] of Object.entries(source.rows)) {
        const had = rows[name];
        rows[name] = had === undefined ? { ...row } : { hits: had.hits + row.hits, misses: had.misses + row.misses, consecutiveMisses: Math.min(had.consecutiveMisses, row.consecutiveMisses) };
      }
    }
    kinds[kind] = { runs: (x?.runs ?? 0) + (y?.runs ?? 0), rows };
  }
  return { ...a, boots: a.boots + b.boots, updatedAt: Math.max(a.updatedAt, b.updatedAt), components, kinds };
}
