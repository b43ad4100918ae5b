import type { Scenario } from './Scenario.js';

/** A scenario as a TypeScript literal (JSON would turn `Infinity` into `null`). */
export function scenarioLiteral(scenario: Scenario): string {
  return JSON.stringify(scenario, (_, value: unknown) => (value === Infinity ? '__Infinity__' : value), 2).replace(/"__Infinity__"/g, 'Infinity');
}

/** A test to paste next to bootModel.test.ts: replays the scenario through the model. */
export function reproSnippet(scenario: Scenario, title = 'agrees with the model on this scenario'): string {
  return [
    `it(${JSON.stringify(title)}, async () => {`,
    `  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });`,
    `  const verdict = await checkScenario(${scenarioLiteral(scenario).replace(/\n/g, '\n  ')});`,
    `  jest.useRealTimers();`,
    `  expect(explain(verdict)).toBe('no violation');`,
    `});`,
  ].join('\n');
}
