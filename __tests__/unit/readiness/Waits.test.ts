import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { Priority } from '../../../src/component/Priority.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { PhaseMachine } from '../../../src/readiness/Phase.js';
import { Readiness } from '../../../src/readiness/Readiness.js';
import { Waits } from '../../../src/readiness/Waits.js';
import { WaveQueries } from '../../../src/readiness/WaveQueries.js';

function setup(definitions: ComponentDefinition[], effective: Priority[]) {
  const specs = definitions.map((d, i) => toComponentSpec(d, i));
  const states = new ComponentStates(specs);
  states.grow(specs.length);
  const readiness = new Readiness(states, specs, new PhaseMachine());
  const waits = new Waits(specs, readiness, new WaveQueries(specs, states, { effective: Uint8Array.from(effective) }), asyncScheduler);
  return { states, readiness, waits };
}

const def = (token: string, priority: Priority): ComponentDefinition => ({ token, priority, load: () => token });

describe('Waits', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('bad options', () => {
    it('whenReady should name itself and its timeout option when refusing a bad timeout', () => {
      const { waits } = setup([def('a', Priority.HIGH)], [Priority.HIGH]);
      let error: unknown;
      try {
        void waits.whenReady(0, { timeout: -1 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ code: ErrorCode.InvalidOption, component: 'whenReady', option: 'timeout' });
      expect((error as Error).message).toMatch(/^Option 'timeout' of 'whenReady' must be a number of ms/);
    });

    it('waitFor should name itself and its timeout option when refusing a bad timeout', async () => {
      const { waits } = setup([def('a', Priority.HIGH)], [Priority.HIGH]);
      const error = await waits.waitFor(Priority.HIGH, { timeout: -1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ code: ErrorCode.InvalidOption, component: 'waitFor', option: 'timeout' });
      expect((error as Error).message).toMatch(/^Option 'timeout' of 'waitFor' must be a number of ms/);
    });

    it('waitFor should say DEFERRED is not a boot wave, and how to wait for a deferred component instead', async () => {
      const { waits } = setup([def('a', Priority.HIGH)], [Priority.HIGH]);
      const error = await waits.waitFor(Priority.DEFERRED, {}).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: ErrorCode.InvalidOption,
        component: 'waitFor',
        option: 'priority',
        hint: 'DEFERRED components are not in the boot: wait for one with whenReady(id) or load it with getAsync(id).',
      });
      expect((error as Error).message).toMatch(/^Option 'priority' of 'waitFor' must be a boot wave: Priority\.CRITICAL, HIGH, MEDIUM or LOW; got 4/);
    });
  });

  describe('timeouts', () => {
    it('waitFor should name "(none)" at its timeout when every member is usable but the wave has not been settled', async () => {
      const { waits, readiness, states } = setup([def('a', Priority.CRITICAL)], [Priority.CRITICAL]);
      readiness.startBoot(1, 'waves');
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      const waiting = waits.waitFor(Priority.CRITICAL, { timeout: 20 }).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(20);
      expect(await waiting).toMatchObject({ code: ErrorCode.NotReady, component: '(none)', status: ComponentStatus.Pending });
    });

    it('whenReady should wait without limit for an Infinity timeout', async () => {
      const { waits, states } = setup([def('a', Priority.HIGH)], [Priority.HIGH]);
      let outcome: unknown = 'pending';
      void waits.whenReady(0, { timeout: Infinity }).then(
        (v) => (outcome = v),
        (e: unknown) => (outcome = e),
      );
      await jest.advanceTimersByTimeAsync(60_000);
      expect(outcome).toBe('pending');
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      await jest.advanceTimersByTimeAsync(0);
      expect(outcome).toBe('A');
    });
  });
});
