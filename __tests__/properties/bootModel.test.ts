import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { checkScenario, explain } from '../model/checkScenario.js';
import { reproSnippet } from '../model/formatScenario.js';
import { fuzzConfig } from '../model/fuzzConfig.js';
import { knownBugRepros } from '../model/knownBugRepros.js';
import type { KnownBug } from '../model/knownBugs.js';
import { regressions } from '../model/regressions.js';
import { scenarioArbitrary } from '../model/scenarioArbitrary.js';

const config = fuzzConfig();

// The model, the generators and how to run long fuzzing: docs/testing.md.
describe('boot() against an independent model of the docs (model-based property, virtual time)', () => {
  beforeAll(() => {
    // Real microtasks: preheat defers work with queueMicrotask, and a faked one would only run at
    // the next fake timer, at a later virtual ms.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
  });
  afterAll(() => {
    jest.useRealTimers();
  });

  it(`agrees with the model on ${config.runs} random scenarios (seed ${config.seed})`, async () => {
    const known = new Map<KnownBug, number>();
    let failures = 0;
    const property = fc.asyncProperty(scenarioArbitrary(config.maxComponents), async (scenario) => {
      if (failures > config.shrinks) return; // shrinking budget spent: report the smallest so far
      const verdict = await checkScenario(scenario);
      if (verdict.violations.length === 0) return;
      if (config.only !== undefined) {
        if (verdict.known !== config.only) return;
      } else if (verdict.known !== undefined && !config.strict) {
        known.set(verdict.known, (known.get(verdict.known) ?? 0) + 1);
        return;
      }
      failures++;
      throw new Error(`${explain(verdict)}\n\nrepro:\n${reproSnippet(scenario)}`);
    });
    await fc.assert(property, { numRuns: config.runs, seed: config.seed, ...(config.path ? { path: config.path } : {}) });
    if (known.size > 0) process.stdout.write(`bootModel: runs whose first violation is a known bug: ${[...known].map(([bug, n]) => `(${bug}) ${n}`).join(', ')}\n`);
  }, Math.max(120_000, config.runs * 100));

  // Bugs this model found in earlier cores, fixed since: each smallest scenario, through the whole
  // model and with the behaviour its fix promised.
  describe.each(regressions)('regression ($bug)', ({ title, scenario, holds }) => {
    it(title, async () => {
      const verdict = await checkScenario(scenario);
      expect(explain(verdict)).toBe('no violation');
      holds(verdict.run.log.entries);
    });
  });

  // Known bugs (knownBugs.ts), each with its smallest scenario. When one is fixed its test fails:
  // move it to regressions.ts and drop its signature in knownBugs.ts, so the property checks that
  // case again.
  for (const { bug, title, scenario } of knownBugRepros) {
    describe(`known bug (${bug})`, () => {
      it.failing(title, async () => {
        expect(explain(await checkScenario(scenario))).toBe('no violation');
      });
    });
  }
});
