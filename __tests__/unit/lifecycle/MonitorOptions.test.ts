import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import { resolveMonitorOptions, type MonitorOptions } from '../../../src/lifecycle/MonitorOptions.js';

/** What resolveMonitorOptions threw for these options, or undefined. */
function thrownBy(options: unknown): unknown {
  try {
    resolveMonitorOptions(options as MonitorOptions);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('resolveMonitorOptions', () => {
  it('should apply the documented defaults', () => {
    expect(resolveMonitorOptions()).toEqual({
      interval: 30_000,
      failureThreshold: 3,
      successThreshold: 1,
      window: 20,
      recovery: { count: 3, delay: 1_000, factor: 2, maxDelay: 30_000, jitter: 0 },
      restart: false,
      concurrency: 10,
    });
  });

  it('should keep what is given, the recoveries as the shared retry policy', () => {
    expect(resolveMonitorOptions({ interval: 5, failureThreshold: 2, successThreshold: 4, window: 1, recoveryAttempts: 0, backoff: { delay: 7, jitter: 0.5 }, restart: true, concurrency: 2 })).toEqual({
      interval: 5,
      failureThreshold: 2,
      successThreshold: 4,
      window: 1,
      recovery: { count: 0, delay: 7, factor: 2, maxDelay: 30_000, jitter: 0.5 },
      restart: true,
      concurrency: 2,
    });
  });

  it.each<[string, unknown, string]>([
    ['options', null, 'options'],
    ['options', 5, 'options'],
    ['interval', { interval: 0 }, 'interval'],
    ['interval', { interval: -1 }, 'interval'],
    ['interval', { interval: Infinity }, 'interval'],
    ['interval', { interval: '100' }, 'interval'],
    ['failureThreshold', { failureThreshold: 0 }, 'failureThreshold'],
    ['failureThreshold', { failureThreshold: 1.5 }, 'failureThreshold'],
    ['successThreshold', { successThreshold: 0 }, 'successThreshold'],
    ['window', { window: 0 }, 'window'],
    ['restart', { restart: 'yes' }, 'restart'],
    ['recoveryAttempts', { recoveryAttempts: -1 }, 'recoveryAttempts'],
    ['backoff.delay', { backoff: { delay: -1 } }, 'backoff.delay'],
  ])('should reject a bad %s, naming the option', (_name, options, option) => {
    const thrown = thrownBy(options);
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as Error).message).toContain(option);
    expect((thrown as InvalidOptionError).component).toBe('monitor');
  });

  it('should accept the smallest values', () => {
    expect(() => resolveMonitorOptions({ interval: 0.5, failureThreshold: 1, successThreshold: 1, window: 1 })).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ['options that are no object', 5, "Option 'options' of 'monitor' must be an object; got 5"],
    ['a NaN interval', { interval: NaN }, "Option 'interval' of 'monitor' must be a positive finite number of ms; got NaN"],
    ['an interval of 0', { interval: 0 }, "Option 'interval' of 'monitor' must be a positive finite number of ms; got 0"],
    ['a fractional failureThreshold', { failureThreshold: 1.5 }, "Option 'failureThreshold' of 'monitor' must be a whole number ≥ 1; got 1.5"],
    ['a successThreshold of 0', { successThreshold: 0 }, "Option 'successThreshold' of 'monitor' must be a whole number ≥ 1; got 0"],
    ['a window of 0', { window: 0 }, "Option 'window' of 'monitor' must be a whole number ≥ 1; got 0"],
    ['a concurrency of 0', { concurrency: 0 }, "Option 'concurrency' of 'monitor' must be a whole number ≥ 1, or Infinity; got 0"],
    ['a fractional concurrency', { concurrency: 2.5 }, "Option 'concurrency' of 'monitor' must be a whole number ≥ 1, or Infinity; got 2.5"],
    ['a concurrency of -Infinity', { concurrency: -Infinity }, "Option 'concurrency' of 'monitor' must be a whole number ≥ 1, or Infinity; got -Infinity"],
    ['a restart that is no boolean', { restart: 1 }, "Option 'restart' of 'monitor' must be a boolean; got 1"],
    ['fractional recoveryAttempts', { recoveryAttempts: 0.5 }, "Option 'recoveryAttempts' of 'monitor' must be a whole number ≥ 0; got 0.5"],
  ])('should say exactly what is wrong with %s', (_what, options, firstLine) => {
    const thrown = thrownBy(options);
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as Error).message.split('\n')[0]).toBe(firstLine);
  });

  it('should hint at what concurrency bounds', () => {
    const thrown = thrownBy({ concurrency: 0 });
    expect((thrown as InvalidOptionError).hint).toBe('it bounds how many health checks run at once.');
  });

  it('should accept an unbounded concurrency, and a concurrency of 1', () => {
    expect(resolveMonitorOptions({ concurrency: Infinity }).concurrency).toBe(Infinity);
    expect(resolveMonitorOptions({ concurrency: 1 }).concurrency).toBe(1);
  });
});
