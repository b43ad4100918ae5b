import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { KindTable } from './KindTable.js';
import type { UsageRecorder } from './UsageRecorder.js';
import type { ProfileEntry, UsageProfile } from './UsageProfile.js';

/** What one boot observed, read from the live state when the profile is saved. */
export interface BootObservation {
  readonly specs: readonly ComponentSpec[];
  readonly graph: DependencyGraph;
  readonly states: ComponentStates;
  readonly usage: UsageRecorder;
  readonly kinds: KindTable;
  /** The priority each component got this boot (after the advisor, before inversion). */
  readonly advised: ArrayLike<number>;
  /** Components restored from a snapshot this boot: their load time says nothing of a full warm-up. */
  readonly restored: { has(index: number): boolean };
  readonly at: number;
}

/** How fast the profile forgets. */
export interface ProfileLearning {
  /** Multiplies the counts of earlier boots at each boot. Default 0.5. */
  readonly decay: number;
  /** Weight of this boot in the moving averages (load time, first use). Default 0.5. */
  readonly alpha: number;
}

/**
 * The profile after this boot: `base` (what earlier boots left) with this boot folded in. Always
 * from the same base, so saving several times in one process (periodically, then at shutdown)
 * counts the boot once. Counts decay; load and first-use times are moving averages; a component
 * that nothing used directly gets one more unused boot. O(V + E).
 */
export function foldBoot(base: UsageProfile, seen: BootObservation, learning: ProfileLearning): UsageProfile {
  const { specs, graph, states, usage, advised, restored } = seen;
  const { decay, alpha } = learning;
  const average = (old: number | undefined, now: number): number => (old === undefined ? now : old * (1 - alpha) + now * alpha);
  const components: Record<string, ProfileEntry> = {};
  for (let i = 0; i < graph.size; i++) {
    const name = specs[i]!.name;
    const old = base.components[name];
    const uses = usage.uses(i);
    let injections = 0;
    if (isUsable(states.status[i]!)) {
      for (let e = graph.dependentStart[i]!, end = graph.dependentStart[i + 1]!; e < end; e++) {
        if (isUsable(states.status[graph.dependentList[e]!]!)) injections++;
      }
    }
    const entry: { -readonly [K in keyof ProfileEntry]: ProfileEntry[K] } = {
      gets: (old?.gets ?? 0) * decay + (usage.gets[i] ?? 0),
      getAsyncs: (old?.getAsyncs ?? 0) * decay + (usage.getAsyncs[i] ?? 0),
      injections: (old?.injections ?? 0) * decay + injections,
      bootsUnused: uses > 0 ? 0 : (old?.bootsUnused ?? 0) + 1,
      priority: advised[i]!,
    };
    const loaded = states.status[i] === ComponentStatus.Ready && !restored.has(i);
    const loadMs = states.finishedAt[i]! - states.startedAt[i]!;
    if (loaded && Number.isFinite(loadMs)) entry.loadMs = average(old?.loadMs, loadMs);
    else if (old?.loadMs !== undefined) entry.loadMs = old.loadMs;
    const firstUse = usage.firstUseAfterReady(i);
    if (!Number.isNaN(firstUse)) entry.firstUseMs = average(old?.firstUseMs, firstUse);
    else if (old?.firstUseMs !== undefined) entry.firstUseMs = old.firstUseMs;
    components[name] = entry;
  }
  const kinds: Record<string, { runs: number; rows: Record<string, { hits: number; misses: number; consecutiveMisses: number }> }> = {};
  for (const [kind, entry] of seen.kinds.kinds) {
    const rows: Record<string, { hits: number; misses: number; consecutiveMisses: number }> = {};
    for (const [name, row] of entry.rows) rows[name] = { ...row };
    kinds[kind] = { runs: entry.runs, rows };
  }
  return { ...base, boots: base.boots + 1, updatedAt: seen.at, components, kinds };
}
