/**
 * The debug log as `NODE_DEBUG=preheat` turns it on. `debugEnabled` is read once when preheat is
 * loaded, so the log is switched on here by standing in for src/debug.ts before the readiness
 * modules are imported: the lines they would print are recorded instead.
 */
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';

const lines: unknown[][] = [];
jest.unstable_mockModule('../../../src/debug.js', () => ({
  debugEnabled: true,
  debug: (format: string, ...args: unknown[]) => {
    lines.push([format, ...args]);
  },
}));
const { ComponentStates } = await import('../../../src/readiness/ComponentStates.js');
const { PhaseMachine } = await import('../../../src/readiness/Phase.js');

const specs = ['a', 'b'].map((token, i) => toComponentSpec({ token, name: `${token}-name`, load: () => token }, i));

function statesOf(): InstanceType<typeof ComponentStates> {
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  return states;
}

describe('the debug log (NODE_DEBUG=preheat)', () => {
  beforeEach(() => {
    lines.length = 0;
  });

  it('should print each attempt with its number and outcome', () => {
    const states = statesOf();
    states.recordAttempt(0, 1, 0, 5, 'timeout', new Error('slow'));
    states.recordAttempt(0, 2, 6, 9, 'ready');
    expect(lines).toEqual([
      ['attempt %s #%d %s', 'a-name', 1, 'timeout'],
      ['attempt %s #%d %s', 'a-name', 2, 'ready'],
    ]);
  });

  it('should print a settle line for settled statuses only, not for loading', () => {
    const states = statesOf();
    states.start(0, 1);
    states.settle(0, ComponentStatus.Ready, 2, 'A', undefined, 1);
    states.skip(1, 3, 'off');
    expect(lines).toEqual([
      ['settle %s %s', 'a-name', ComponentStatus.Ready],
      ['settle %s %s', 'b-name', ComponentStatus.Skipped],
    ]);
  });

  it('should print warnings about a component and about the Warmup', () => {
    const states = statesOf();
    states.warn(1, 4, 'something to look at');
    states.warnAbout('preheat:profile', 5, 'the profile was refused');
    expect(lines).toEqual([
      ['warning %s: %s', 'b-name', 'something to look at'],
      ['warning %s: %s', 'preheat:profile', 'the profile was refused'],
    ]);
  });

  it('should print each phase transition', () => {
    const phase = new PhaseMachine();
    phase.boot();
    phase.stop();
    expect(lines).toEqual([
      ['phase %s → %s', 'idle', 'booting'],
      ['phase %s → %s', 'booting', 'stopping'],
    ]);
  });
});
