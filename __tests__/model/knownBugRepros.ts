import type { KnownBug } from './knownBugs.js';
import type { Scenario } from './Scenario.js';

/**
 * The smallest scenario found for each known bug (shrunk by fast-check, then by hand), with what
 * the docs expect and what happens. Each one is an `it.failing` in bootModel.test.ts.
 */
export const knownBugRepros: readonly { readonly bug: KnownBug; readonly title: string; readonly scenario: Scenario }[] = [];
