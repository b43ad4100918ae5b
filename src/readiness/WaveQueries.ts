import { ComponentStatus, isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { priorityName, type Priority } from '../component/Priority.js';
import { ComponentNotReadyError } from './ComponentNotReadyError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { ComponentStates } from './ComponentStates.js';

/** Where the effective priorities come from (the plan, once it is built). */
export interface EffectivePriorities {
  readonly effective: Uint8Array | undefined;
}

/** Questions about the waves up to a priority, for `waitFor` and the `critical-ready` phase. Each is O(V). */
export class WaveQueries {
  constructor(
    private readonly specs: readonly ComponentSpec[],
    private readonly states: ComponentStates,
    private readonly plan: EffectivePriorities,
  ) {}

  /**
   * A required component of the waves up to `priority` that is not usable, or -1 (also before the
   * plan). A root failure is preferred over a component that was only cancelled because of it.
   */
  requiredUnusable(priority: Priority): number {
    const { effective } = this.plan;
    if (effective === undefined) return -1;
    const { specs } = this;
    const { status, error } = this.states;
    let cancelled = -1;
    for (let i = 0; i < specs.length; i++) {
      // Skipped: not a member of any wave, so it holds none back.
      if (effective[i]! <= priority && specs[i]!.required && !isUsable(status[i]!) && status[i] !== ComponentStatus.Skipped) {
        const e = error[i];
        if (!PreheatError.is(e) || e.code !== ErrorCode.BootCancelled) return i;
        if (cancelled < 0) cancelled = i;
      }
    }
    return cancelled;
  }

  /** Throws ComponentNotReadyError (with the cause) for the first required component that is not usable. */
  assertUsable(priority: Priority): void {
    const index = this.requiredUnusable(priority);
    if (index < 0) return;
    const spec = this.specs[index]!;
    const wave = this.plan.effective?.[index] ?? spec.priority;
    throw new ComponentNotReadyError(
      spec.name,
      this.states.status[index]!,
      `it is a required component of the ${priorityName(wave)} wave and it failed; see the cause.`,
      this.states.error[index],
    );
  }

  /** The first component of the waves up to `priority` that is not usable yet (to name in a timeout), or -1. */
  firstUnusable(priority: Priority): number {
    const { effective } = this.plan;
    const { specs } = this;
    for (let i = 0; i < specs.length; i++) {
      const wave = effective?.[i] ?? specs[i]!.priority;
      if (wave <= priority && !isUsable(this.states.status[i]!) && this.states.status[i] !== ComponentStatus.Skipped) return i;
    }
    return -1;
  }
}
