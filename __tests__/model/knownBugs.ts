import type { ModelState } from './acceptor/ModelState.js';
import type { Violation } from './acceptor/Violation.js';

/**
 * Bugs found by this model and reported to the lead, not fixed yet, each recognised by the first
 * violation it causes (and the model's state). A run whose first violation matches one is counted,
 * not failed; anything else fails the property. `FUZZ_STRICT=1` fails on these too. Each has an
 * `it.failing` repro in bootModel.test.ts (knownBugRepros.ts): when one is fixed, that test fails;
 * then its entry here goes, and its repro moves to regressions.ts.
 */
/** The letter a bug was reported under (a–j are fixed; see regressions.ts). */
export type KnownBug = string;

/** None is open: every bug this model found is fixed and has a regression in regressions.ts. */
export function classify(_first: Violation, _model: ModelState): KnownBug | undefined {
  return undefined;
}
