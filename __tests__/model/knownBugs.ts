import type { ModelState } from './acceptor/ModelState.js';
import { codes } from './documented.js';
import type { Violation } from './acceptor/Violation.js';

/**
 * Bugs found by this model and reported to the lead, not fixed yet, each recognised by the first
 * violation it causes (and the model's state). A run whose first violation matches one is counted,
 * not failed; anything else fails the property. `FUZZ_STRICT=1` fails on these too. Each has an
 * `it.failing` repro in bootModel.test.ts (knownBugRepros.ts): when one is fixed, that test fails;
 * then its entry here goes, and its repro moves to regressions.ts.
 */
export type KnownBug = 'g' | 'h' | 'i' | 'j';

export function classify(first: Violation, model: ModelState): KnownBug | undefined {
  // (g) progress$ counts twice the boot members that boot() itself fails as it starts, after a
  //     failure on demand before it: by their dependency while planning, or cancelled by
  //     fail-fast. `settled` reaches `total` while boot members still load, then goes past it.
  const { cancel, triggerCode } = model.atFirst!;
  if (first.rule === 'progress' && (model.failedAtPlan > 0 || cancel?.atBoot === true)) return 'g';
  // (h) Under failFast, when the first required failure is a dependent failed by an optional
  //     component, its siblings failed by the same dependency get DependencyFailedError, not the
  //     cancellation (when the root itself is required, they get the cancellation).
  const dependencyNotCancelled = first.rule === 'wrong-code' && first.message.includes(`with ${codes.dependencyFailed}; expected ${codes.cancelled}`);
  if (dependencyNotCancelled && cancel?.reason === 'failFast' && cancel.atBoot === true) return 'i';
  if (dependencyNotCancelled && cancel?.reason === 'failFast' && triggerCode === codes.dependencyFailed && cancel.t === first.t) return 'h';
  //     The same cascade, read as one step: when it also settles the CRITICAL wave (optional members
  //     failed by the same dependency) before it reaches the required trigger, critical-ready never
  //     comes, though it was due before the cancellation.
  const noCriticalReady = first.rule === 'phase' && first.message.endsWith('expected critical-ready');
  if (noCriticalReady && cancel?.reason === 'failFast' && triggerCode === codes.dependencyFailed && cancel.t === first.t) return 'h';
  // (i) Under failFast, boot() after a required boot member failed on demand fails that member's
  //     dependents with DependencyFailedError while planning, before it cancels the boot; the lead's
  //     rule wants the cancellation, at once.
  // (j) Under failFast, when several required boot members failed on demand before boot(), the
  //     cancellation names the first one registered, not the one that failed first (its own hint
  //     says "the required component that failed first").
  if (first.rule === 'boot-outcome' && first.message.startsWith("fail-fast BootCancelledError's cause is") && cancel?.atBoot === true) return 'j';
  return undefined;
}
