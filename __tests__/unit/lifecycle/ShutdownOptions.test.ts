import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { maxTimerMs } from '../../../src/component/validateOptions.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import { checkShutdownOptions } from '../../../src/lifecycle/ShutdownOptions.js';

describe('checkShutdownOptions', () => {
  it('should accept any drainMs from 0 to the longest timer, both ends included', () => {
    expect(() => checkShutdownOptions('shutdown', { drainMs: 0 })).not.toThrow();
    expect(() => checkShutdownOptions('shutdown', { drainMs: maxTimerMs })).not.toThrow();
    fc.assert(
      fc.property(fc.double({ min: 0, max: maxTimerMs, noNaN: true }), (drainMs) => {
        checkShutdownOptions('shutdown', { drainMs });
      }),
    );
  });

  it('should refuse a drainMs below 0, past the longest timer, or not a number, naming the owner', () => {
    for (const drainMs of [-1, -Number.MIN_VALUE, maxTimerMs + 1, Infinity, NaN, '5']) {
      expect(() => checkShutdownOptions('shutdown', { drainMs } as never)).toThrow(
        new RegExp(`^Option 'drainMs' of 'shutdown' must be a number of ms between 0 and ${maxTimerMs}`),
      );
    }
  });

  it('should refuse a beforeStop that is not a function, saying what it is for', () => {
    expect(() => checkShutdownOptions('enableShutdownHooks', { beforeStop: 'close' } as never)).toThrow(
      /^Option 'beforeStop' of 'enableShutdownHooks' must be a function \(close your server here\); got "close"/,
    );
    expect(() => checkShutdownOptions('shutdown', { beforeStop: () => undefined })).not.toThrow();
    const thrown = (() => {
      try {
        checkShutdownOptions('shutdown', { beforeStop: 1 } as never);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as InvalidOptionError).option).toBe('beforeStop');
  });
});
