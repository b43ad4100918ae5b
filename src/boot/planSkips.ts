import type { ComponentSpec } from '../component/ComponentSpec.js';
import { describeError } from '../errors/describeError.js';
import { DependencySkippedError } from '../errors/DependencySkippedError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';

/** A component its `enabled` option turned off, and why (for the report and events). */
export interface Skip {
  readonly index: number;
  readonly reason: string;
}

/**
 * Reads every component's `enabled` (calling the functions, once, now) and rejects a required edge
 * from an enabled component to a disabled one (DependencySkippedError), so nothing loads that could
 * never be satisfied. Optional edges to a disabled component stay: the dependent gets `undefined`.
 * An `enabled` that throws or answers something else than a boolean is an InvalidOptionError.
 * Allocates nothing when every component is enabled. O(V + E).
 */
export function planSkips(specs: readonly ComponentSpec[], graph: DependencyGraph): readonly Skip[] {
  let skips: Skip[] | undefined;
  let off: Uint8Array | undefined;
  for (let i = 0; i < specs.length; i++) {
    const reason = disabledBecause(specs[i]!);
    if (reason === undefined) continue;
    (skips ??= []).push({ index: i, reason });
    (off ??= new Uint8Array(specs.length))[i] = 1;
  }
  if (skips === undefined || off === undefined) return none;
  for (let i = 0; i < graph.size; i++) {
    if (off[i] === 1) continue;
    for (let e = graph.depStart[i]!, end = graph.depStart[i + 1]!; e < end; e++) {
      const dep = graph.depList[e]!;
      if (off[dep] === 1 && graph.depRequired[e] === 1) {
        throw new DependencySkippedError(specs[i]!.name, specs[dep]!.name, skips.find((s) => s.index === dep)!.reason);
      }
    }
  }
  return skips;
}

/** Why the component is disabled, or undefined when it is enabled. */
function disabledBecause(spec: ComponentSpec): string | undefined {
  const { enabled } = spec;
  if (enabled === true) return undefined;
  if (enabled === false) return 'enabled is false';
  let answer: unknown;
  try {
    answer = enabled();
  } catch (error) {
    throw new InvalidOptionError(spec.name, 'enabled', `threw when the boot was planned (${describeError(error)})`, enabled);
  }
  if (typeof answer !== 'boolean') throw new InvalidOptionError(spec.name, 'enabled', 'must return a boolean', answer);
  return answer ? undefined : `enabled${enabled.name === '' || enabled.name === 'enabled' ? '()' : ` (${enabled.name})`} returned false`;
}

const none: readonly Skip[] = Object.freeze([]);
