import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import { resolveMonitorOptions, type MonitorOptions } from '../../../src/lifecycle/MonitorOptions.js';

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
    let thrown: unknown;
    try {
      resolveMonitorOptions(options as MonitorOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as Error).message).toContain(option);
    expect((thrown as InvalidOptionError).component).toBe('monitor');
  });

  it('should accept the smallest values', () => {
    expect(() => resolveMonitorOptions({ interval: 0.5, failureThreshold: 1, successThreshold: 1, window: 1 })).not.toThrow();
  });
});
