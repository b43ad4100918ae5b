import { codes } from './documented.js';
import type { ModelState } from './acceptor/ModelState.js';
import type { Violation } from './acceptor/Violation.js';
import type { Scenario } from './Scenario.js';

/**
 * Bugs already reported to the lead, each recognised by the first violation it causes (and the
 * model's state at that moment). A run whose first violation matches one is counted, not failed;
 * anything else fails the property. `FUZZ_STRICT=1` fails on these too. Each has an `it.failing`
 * repro in bootModel.test.ts: when one is fixed, that test fails, and its entry here goes.
 */
export type KnownBug = 'a' | 'b' | 'c' | 'e' | 'f';

export function classify(first: Violation, model: ModelState, scenario: Scenario): KnownBug | undefined {
  const { cancel, triggerCode, nonBootRequiredFailure } = model.atFirst!;
  // (a) With failFast, boot() settles (its report built) while a boot component is still loading:
  //     a wave's completion runs twice when the fail-fast stop empties it from inside a settle.
  if (first.rule === 'boot-settled-early' && cancel?.reason === 'failFast') return 'a';
  // (b) A required dependent failed by its dependency is marked Failed before fail-fast fires, so
  //     a sibling released by the same settle still starts (and its loader is called).
  const afterCancel = first.rule === 'start-after-cancel' || first.rule === 'load-after-cancel';
  if (afterCancel && cancel?.reason === 'failFast' && triggerCode === codes.dependencyFailed) return 'b';
  // (c) A required DEFERRED component that fails on demand during the boot fails the boot, or
  //     fires fail-fast, although DEFERRED components are not in the boot set.
  if (nonBootRequiredFailure !== undefined) {
    if (first.rule === 'boot-outcome' && cancel?.reason !== 'shutdown') return 'c';
    if (scenario.options.failFast === true && cancel === undefined && nonBootRequiredFailure.t === first.t) return 'c';
  }
  // (e) Found by this model: after fail-fast cancelled the boot, the phase still goes through
  //     critical-ready (then failed) when the CRITICAL wave ends up settled with no required failure.
  if (first.rule === 'phase-after-cancel' && cancel?.reason === 'failFast') return 'e';
  // (f) Found by this model: the report boot() gives shares its attemptHistory arrays with the live
  //     state, so a component still loading (on demand) appends to a report already handed out.
  if (first.rule === 'report-mutated') return 'f';
  return undefined;
}
