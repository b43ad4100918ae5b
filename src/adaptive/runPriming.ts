import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { ComponentTimeoutError } from '../errors/ComponentTimeoutError.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import { withDeadline } from '../run/Deadline.js';
import type { InFlight } from '../run/InFlight.js';
import { primeHookOf } from '../run/instanceHooks.js';

/** What priming reads and where it registers (a shutdown aborts it). */
export interface PrimingParts {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly clock: Clock;
  readonly inFlight: InFlight;
  /** True for a member of the boot. */
  inBoot(index: number): boolean;
}

/**
 * Priming (Lambda SnapStart's "priming request"): after the last wave and before `ready`, runs the
 * `prime()` hook of every usable boot member that has one, all at once, each within its component's
 * `timeout`. A hook that throws or times out is a warning event; priming never fails a boot.
 * Resolves with the time it took, or undefined when no component has a hook (nothing ran).
 */
export async function runPriming(parts: PrimingParts): Promise<number | undefined> {
  const { specs, states, clock, inFlight } = parts;
  const hooks: Promise<void>[] = [];
  const startedAt = clock.now();
  for (let i = 0; i < specs.length; i++) {
    if (!parts.inBoot(i) || !isUsable(states.status[i]!)) continue;
    const spec = specs[i]!;
    const prime = primeHookOf(spec, states.instance[i]);
    if (prime === undefined) continue;
    hooks.push(
      withDeadline(clock, (abort) => prime(abort.signal), { ms: spec.timeout, inFlight, onTimeout: () => new ComponentTimeoutError(spec.name, spec.timeout, 'prime') }).then(
        () => undefined,
        (error: unknown) => states.warn(i, clock.now(), `prime() failed: ${describeError(error)}`),
      ),
    );
  }
  if (hooks.length === 0) return undefined;
  await Promise.all(hooks);
  return clock.now() - startedAt;
}
