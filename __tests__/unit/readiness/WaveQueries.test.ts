import { describe, expect, it } from '@jest/globals';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { Priority } from '../../../src/component/Priority.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { BootCancelledError } from '../../../src/errors/BootCancelledError.js';
import { ComponentNotReadyError } from '../../../src/readiness/ComponentNotReadyError.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { WaveQueries } from '../../../src/readiness/WaveQueries.js';

function setup(definitions: ComponentDefinition[], effective: Priority[]) {
  const specs = definitions.map((d, i) => toComponentSpec(d, i));
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  return { states, waves: new WaveQueries(specs, states, { effective: Uint8Array.from(effective) }) };
}

const def = (token: string, priority: Priority): ComponentDefinition => ({ token, priority, load: () => token });

describe('WaveQueries', () => {
  it('firstUnusable should pass over a Skipped component, which will never be usable, to name one still loading', () => {
    const { waves, states } = setup([def('disabled', Priority.HIGH), def('slow', Priority.HIGH), def('later', Priority.LOW)], [Priority.HIGH, Priority.HIGH, Priority.LOW]);
    states.skip(0, 0, 'it is disabled');
    states.start(1, 0);
    expect(waves.firstUnusable(Priority.HIGH)).toBe(1);
    states.settle(1, ComponentStatus.Ready, 5, 'S', undefined, 1);
    expect(waves.firstUnusable(Priority.HIGH)).toBe(-1);
    expect(waves.firstUnusable(Priority.LOW)).toBe(2);
  });

  it('requiredUnusable should prefer a root failure that is itself a preheat error (not a cancellation) to an earlier cancellation', () => {
    const { waves, states } = setup([def('cancelled', Priority.CRITICAL), def('root', Priority.CRITICAL)], [Priority.CRITICAL, Priority.CRITICAL]);
    states.settle(0, ComponentStatus.Failed, 1, undefined, new BootCancelledError('fail-fast'));
    states.settle(1, ComponentStatus.Failed, 1, undefined, new ComponentNotReadyError('dep', ComponentStatus.Failed, 'a dependency failed'));
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(1);
  });

  it('requiredUnusable should name the first cancelled component when nothing else failed', () => {
    const { waves, states } = setup(
      [def('first', Priority.CRITICAL), def('second', Priority.CRITICAL), def('third', Priority.CRITICAL)],
      [Priority.CRITICAL, Priority.CRITICAL, Priority.CRITICAL],
    );
    for (const i of [0, 1, 2]) states.settle(i, ComponentStatus.Failed, 1, undefined, new BootCancelledError('shutdown'));
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(0);
    states.settle(0, ComponentStatus.Ready, 2, 'A', undefined, 1);
    expect(waves.requiredUnusable(Priority.CRITICAL)).toBe(1);
  });

  it('assertUsable should name the wave the component was pulled into, not the one it asked for', () => {
    const { waves, states } = setup([def('late', Priority.LOW)], [Priority.HIGH]);
    const cause = new Error('down');
    states.settle(0, ComponentStatus.Failed, 1, undefined, cause);
    let error: unknown;
    try {
      waves.assertUsable(Priority.HIGH);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComponentNotReadyError);
    expect(error).toMatchObject({ component: 'late', status: ComponentStatus.Failed, cause, hint: 'it is a required component of the HIGH wave and it failed; see the cause.' });
  });
});
