import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority, priorityName } from '../component/Priority.js';
import type { AdvisorOptions } from './AdaptiveOptions.js';
import type { UsageProfile } from './UsageProfile.js';

/**
 * One change the advisor made to a component's priority, with the reason, for the boot report.
 *
 * @example
 * ```ts
 * for (const a of report.learned?.adjustments ?? []) console.log(`${a.name}: ${a.from} → ${a.to} (${a.reason})`);
 * ```
 */
export interface PriorityAdjustment {
  readonly name: string;
  /** Its own (declared) priority, by name. */
  readonly from: string;
  /** The priority it boots with this time, before inversion, by name. */
  readonly to: string;
  readonly reason: string;
}

/** What the advisor decided: the priorities to plan with (before inversion), and what changed. */
export interface Advice {
  readonly priorities: Uint8Array;
  readonly adjustments: readonly PriorityAdjustment[];
}

/**
 * Learned priorities, hints never authority: a component used early and often moves one step up,
 * one unused for `unusedBoots` boots in a row one step down (toward DEFERRED), one that is used
 * again after a demotion one step back toward its own priority — at most one step per boot, always
 * within its bounds (`adaptive: { min, max }`; `adaptive: false` pins it). A required CRITICAL
 * component is never demoted. Priority inversion runs afterwards on the result, so whatever a
 * booting component needs still loads before it; the memory budget is the dispatcher's and holds
 * whatever the priorities. O(V).
 *
 * @example
 * ```ts
 * const { priorities, adjustments } = advisePriorities(specs, profile, {});
 * ```
 */
export function advisePriorities(specs: readonly ComponentSpec[], profile: UsageProfile, options: AdvisorOptions): Advice {
  const promoteUses = options.promoteUses ?? 5;
  const earlyMs = options.earlyMs ?? 1_000;
  const unusedBoots = options.unusedBoots ?? 3;
  const priorities = new Uint8Array(specs.length);
  const adjustments: PriorityAdjustment[] = [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const own = spec.priority;
    priorities[i] = own;
    const entry = profile.components[spec.name];
    if (spec.adaptive === false || entry === undefined) continue;
    const min = Math.min(spec.adaptive?.min ?? Math.min(own, Priority.HIGH), own);
    const pinnedUrgent = spec.required && own === Priority.CRITICAL;
    const max = pinnedUrgent ? own : Math.max(spec.adaptive?.max ?? Priority.DEFERRED, own);
    const last = clamp(entry.priority ?? own, min, max);
    const uses = entry.gets + entry.getAsyncs;
    let next = last;
    let reason: string;
    if (uses >= promoteUses && entry.firstUseMs !== undefined && entry.firstUseMs <= earlyMs) {
      next = last - 1;
      reason = `used early and often: ${round(uses)} uses per boot, first ${round(entry.firstUseMs)} ms after ready`;
    } else if (entry.bootsUnused >= unusedBoots) {
      next = last + 1;
      reason = `unused for ${entry.bootsUnused} boot${entry.bootsUnused === 1 ? '' : 's'}`;
    } else if (entry.bootsUnused === 0 && last > own) {
      next = last - 1;
      reason = `used again (${round(uses)} uses per boot): back toward its own priority`;
    } else {
      reason = last === own ? '' : 'kept from earlier boots';
    }
    const chosen = clamp(next, min, max);
    if (chosen !== next && chosen === last) reason += ` (kept within its bounds ${priorityName(min)}…${priorityName(max)})`;
    priorities[i] = chosen;
    if (chosen !== own) adjustments.push({ name: spec.name, from: priorityName(own), to: priorityName(chosen), reason });
  }
  return { priorities, adjustments };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
