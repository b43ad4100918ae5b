import { describe, expect, it } from '@jest/globals';
import { LazyServiceIdentifier } from 'inversify';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { InvalidOptionError } from '../../../src/errors/InvalidOptionError.js';
import type { ComponentOptions } from '../../../src/component/ComponentOptions.js';
import { Priority } from '../../../src/component/Priority.js';
import { checkWaitLimit, isPriority, maxTimerMs, validateComponentOptions } from '../../../src/component/validateOptions.js';

/** The first line of an error's message (the hint follows on its own line). */
function firstLine(error: { message: string } | undefined): string | undefined {
  return error?.message.split('\n')[0];
}

/** What `validateComponentOptions('Db', options)` threw, or undefined. */
function thrownBy(options: unknown, name = 'Db'): InvalidOptionError | undefined {
  try {
    validateComponentOptions(name, options as ComponentOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    return error as InvalidOptionError;
  }
  return undefined;
}

const positiveMs = `must be a positive number of ms up to ${maxTimerMs} (Infinity for no limit)`;
const circularHint = 'an undefined class token usually means a circular import: wrap it as new LazyServiceIdentifier(() => Dep).';
class Dep {}

describe('validateComponentOptions', () => {
  it('should accept no options at all, and options left undefined', () => {
    expect(thrownBy({})).toBeUndefined();
    expect(
      thrownBy({ priority: undefined, timeout: undefined, healthTimeout: undefined, shutdownTimeout: undefined, retries: undefined, backoff: undefined, memoryMb: undefined, required: undefined, name: undefined, maxTimeout: undefined, enabled: undefined, health: undefined, healthChecks: undefined, adaptive: undefined, idle: undefined, cacheVersion: undefined, dependsOn: undefined, optionalDependsOn: undefined, inject: undefined }),
    ).toBeUndefined();
  });

  // Each row: the options, the option the error names, the whole message after "Option 'x' of 'Db' ".
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a priority past DEFERRED', { priority: 5 }, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED); got 5'],
    ['a priority before CRITICAL', { priority: -1 }, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED); got -1'],
    ['a fractional priority', { priority: 1.5 }, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED); got 1.5'],
    ['a priority given as a string', { priority: 'HIGH' }, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED); got "HIGH"'],
    ['a priority of null', { priority: null }, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED); got null'],
    ['a timeout of 0', { timeout: 0 }, 'timeout', `${positiveMs}; got 0`],
    ['a negative timeout', { timeout: -5 }, 'timeout', `${positiveMs}; got -5`],
    ['a timeout of NaN', { timeout: NaN }, 'timeout', `${positiveMs}; got NaN`],
    ['a timeout as a string', { timeout: '100' }, 'timeout', `${positiveMs}; got "100"`],
    ['a timeout above the timer limit', { timeout: maxTimerMs + 1 }, 'timeout', `${positiveMs}; got ${maxTimerMs + 1}`],
    ['a healthTimeout of 0', { healthTimeout: 0 }, 'healthTimeout', `${positiveMs}; got 0`],
    ['a healthTimeout above the timer limit', { healthTimeout: maxTimerMs + 1 }, 'healthTimeout', `${positiveMs}; got ${maxTimerMs + 1}`],
    ['a shutdownTimeout of 0', { shutdownTimeout: 0 }, 'shutdownTimeout', `${positiveMs}; got 0`],
    ['a shutdownTimeout as a string', { shutdownTimeout: '1s' }, 'shutdownTimeout', `${positiveMs}; got "1s"`],
    ['negative retries', { retries: -1 }, 'retries', 'must be a whole number ≥ 0; got -1'],
    ['a bad backoff without retries', { backoff: { delay: -1 } }, 'backoff.delay', 'must be a finite number ≥ 0; got -1'],
    ['a backoff that is no object', { retries: 2, backoff: 100 }, 'backoff', 'must be an object { delay, factor, maxDelay, jitter }; got 100'],
    ['the old retryDelay', { retryDelay: 100 }, 'retryDelay', 'was renamed; got 100'],
    ['the old retryDelay, even undefined', { retryDelay: undefined }, 'retryDelay', 'was renamed; got undefined'],
    ['a negative memoryMb', { memoryMb: -1 }, 'memoryMb', 'must be a finite number ≥ 0; got -1'],
    ['an infinite memoryMb', { memoryMb: Infinity }, 'memoryMb', 'must be a finite number ≥ 0; got Infinity'],
    ['a memoryMb of NaN', { memoryMb: NaN }, 'memoryMb', 'must be a finite number ≥ 0; got NaN'],
    ['a memoryMb as a string', { memoryMb: '64' }, 'memoryMb', 'must be a finite number ≥ 0; got "64"'],
    ['a required that is no boolean', { required: 'yes' }, 'required', 'must be a boolean; got "yes"'],
    ['a required of 1', { required: 1 }, 'required', 'must be a boolean; got 1'],
    ['an empty name', { name: '' }, 'name', 'must be a non-empty string; got ""'],
    ['a name that is no string', { name: 42 }, 'name', 'must be a non-empty string; got 42'],
    ['a maxTimeout of 0', { maxTimeout: 0 }, 'maxTimeout', `${positiveMs}; got 0`],
    ['a maxTimeout below the timeout', { timeout: 100, maxTimeout: 99 }, 'maxTimeout', 'must be ≥ timeout (100 ms); got 99'],
    ['a maxTimeout below the default timeout', { maxTimeout: 29_999 }, 'maxTimeout', 'must be ≥ timeout (30000 ms); got 29999'],
    ['an enabled that is a string', { enabled: 'yes' }, 'enabled', 'must be a boolean or a function returning one; got "yes"'],
    ['an enabled of null', { enabled: null }, 'enabled', 'must be a boolean or a function returning one; got null'],
    ['a health that is no object', { health: 5 }, 'health', 'must be an object ({ tags, delay, period, modes, hysteresis }); got 5'],
    ['healthChecks that are no array, without health', { healthChecks: 'ping' }, 'healthChecks', 'must be an array of { name, check, weight?, timeout? }; got "ping"'],
    ['an adaptive of true', { adaptive: true }, 'adaptive', 'must be false or { min, max } (priorities); got true'],
    ['an adaptive of null', { adaptive: null }, 'adaptive', 'must be false or { min, max } (priorities); got null'],
    ['an adaptive.min that is no priority', { adaptive: { min: 7 } }, 'adaptive.min', 'must be a Priority; got 7'],
    ['an adaptive.max that is no priority', { adaptive: { max: -1 } }, 'adaptive.max', 'must be a Priority; got -1'],
    ['an adaptive.min less urgent than its max', { adaptive: { min: Priority.LOW, max: Priority.HIGH } }, 'adaptive', 'min must be as urgent as max or more (CRITICAL = 0 … DEFERRED = 4); got object'],
    ['an idle that is no object', { idle: 5000 }, 'idle', 'must be { after: ms }; got 5000'],
    ['an idle of null', { idle: null }, 'idle', 'must be { after: ms }; got null'],
    ['an idle.after of 0', { idle: { after: 0 } }, 'idle.after', `${positiveMs}; got 0`],
    ['an idle without after', { idle: {} }, 'idle.after', 'is required: the idle time in ms before release; got undefined'],
    ['a cacheVersion of NaN', { cacheVersion: NaN }, 'cacheVersion', 'must be a string or a finite number; got NaN'],
    ['an infinite cacheVersion', { cacheVersion: Infinity }, 'cacheVersion', 'must be a string or a finite number; got Infinity'],
    ['a cacheVersion that is an object', { cacheVersion: { v: 1 } }, 'cacheVersion', 'must be a string or a finite number; got object'],
    ['a cacheVersion of true', { cacheVersion: true }, 'cacheVersion', 'must be a string or a finite number; got true'],
    ['a dependsOn that is no array', { dependsOn: 'db' }, 'dependsOn', 'must be an array of tokens; got "db"'],
    ['an optionalDependsOn that is no array', { optionalDependsOn: Dep }, 'optionalDependsOn', 'must be an array of tokens; got function Dep'],
    ['an inject that is no array', { inject: 'db' }, 'inject', 'must be an array of tokens, one per constructor parameter; got "db"'],
  ])('should reject %s, naming the option and the value', (_what, options, option, message) => {
    const error = thrownBy(options);
    expect(error).toBeDefined();
    expect(firstLine(error)).toBe(`Option '${option}' of 'Db' ${message}`);
    expect(error!.option).toBe(option);
    expect(error!.component).toBe('Db');
    expect(error!.code).toBe(ErrorCode.InvalidOption);
  });

  it('should hint at the fix: the option by default, the new spelling of retryDelay, how to raise maxTimeout', () => {
    expect(thrownBy({ timeout: 0 })!.hint).toBe("fix 'timeout' in the options of 'Db'.");
    expect(thrownBy({ retryDelay: 50 })!.hint).toBe('write backoff: { delay } instead.');
    expect(thrownBy({ timeout: 100, maxTimeout: 50 })!.hint).toBe("raise 'maxTimeout' to at least 'timeout', or leave it out (then nothing extends).");
  });

  it('should name the component it was given', () => {
    const error = thrownBy({ timeout: 0 }, 'Cache');
    expect(error!.component).toBe('Cache');
    expect(firstLine(error)).toBe(`Option 'timeout' of 'Cache' ${positiveMs}; got 0`);
  });

  it.each<[string, string, string]>([
    ['dependsOn', 'dependsOn[1]', 'undefined'],
    ['optionalDependsOn', 'optionalDependsOn[1]', 'undefined'],
  ])('should reject an undefined entry of %s at its index, hinting at a circular import', (option, at) => {
    const error = thrownBy({ [option]: ['db', undefined] });
    expect(firstLine(error)).toBe(`Option '${at}' of 'Db' must be a token (class, string or symbol); got undefined`);
    expect(error!.option).toBe(at);
    expect(error!.hint).toBe(circularHint);
  });

  it('should reject a null entry of dependsOn at its index', () => {
    const error = thrownBy({ dependsOn: [null, 'db'] });
    expect(error!.option).toBe('dependsOn[0]');
    expect(firstLine(error)).toBe("Option 'dependsOn[0]' of 'Db' must be a token (class, string or symbol); got null");
  });

  it('should reject an undefined inject entry, bare or as { token }, at its index', () => {
    expect(thrownBy({ inject: ['a', undefined] })!.option).toBe('inject[1]');
    expect(thrownBy({ inject: [{ token: undefined, optional: true }] })!.option).toBe('inject[0]');
    expect(thrownBy({ inject: [null] })!.option).toBe('inject[0]');
    expect(thrownBy({ inject: [{ token: null }] })!.hint).toBe(circularHint);
  });

  it('should accept every well-formed value at its bounds', () => {
    const accepted: Record<string, unknown>[] = [
      { priority: Priority.CRITICAL },
      { priority: Priority.DEFERRED },
      { timeout: 0.5 },
      { timeout: maxTimerMs },
      { timeout: Infinity },
      { healthTimeout: Infinity, shutdownTimeout: maxTimerMs },
      { retries: 0 },
      { retries: 3, backoff: { delay: 0, factor: 1, maxDelay: 0, jitter: 1 } },
      { backoff: { delay: 10 } },
      { memoryMb: 0 },
      { memoryMb: 1.5 },
      { required: false },
      { required: true },
      { name: 'x' },
      { maxTimeout: 30_000 },
      { timeout: 100, maxTimeout: 100 },
      { timeout: 100, maxTimeout: Infinity },
      { enabled: false },
      { enabled: true },
      { enabled: () => false },
      { health: { tags: ['db'] } },
      { healthChecks: [] },
      { adaptive: false },
      { adaptive: {} },
      { adaptive: { min: Priority.HIGH } },
      { adaptive: { max: Priority.LOW } },
      { adaptive: { min: Priority.MEDIUM, max: Priority.MEDIUM } },
      { adaptive: { min: Priority.CRITICAL, max: Priority.DEFERRED } },
      { idle: { after: 1 } },
      { idle: { after: Infinity } },
      { cacheVersion: 'v2' },
      { cacheVersion: 0 },
      { cacheVersion: -3 },
      { dependsOn: [] },
      { dependsOn: ['db', Symbol('cache'), Dep, new LazyServiceIdentifier(() => Dep)] },
      { optionalDependsOn: ['metrics'] },
      { inject: [] },
      { inject: ['db', { token: Dep, optional: true }, { name: 'x' }] },
    ];
    for (const options of accepted) expect([options, thrownBy(options)]).toEqual([options, undefined]);
  });
});

describe('isPriority', () => {
  it('should hold for the five priorities and nothing else', () => {
    for (const p of [Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW, Priority.DEFERRED]) expect(isPriority(p)).toBe(true);
    for (const v of [-1, 5, 0.5, 3.9, NaN, Infinity, '1', null, undefined, true]) expect([v, isPriority(v)]).toEqual([v, false]);
  });
});

describe('checkWaitLimit', () => {
  const message = `must be a number of ms from 0 to ${maxTimerMs}, or Infinity for no limit`;

  it('should accept no limit, Infinity, and every number from 0 to the timer limit', () => {
    for (const v of [undefined, Infinity, 0, 0.5, 1_000, maxTimerMs]) expect(() => checkWaitLimit('waitFor', 'timeout', v)).not.toThrow();
  });

  it.each<[unknown, string]>([
    [-1, '-1'],
    [maxTimerMs + 1, String(maxTimerMs + 1)],
    [NaN, 'NaN'],
    ['100', '"100"'],
    [null, 'null'],
    [-Infinity, '-Infinity'],
  ])('should reject %p, naming the caller and the option', (value, shown) => {
    let thrown: unknown;
    try {
      checkWaitLimit('whenReady', 'timeout', value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(firstLine(thrown as InvalidOptionError)).toBe(`Option 'timeout' of 'whenReady' ${message}; got ${shown}`);
    expect((thrown as InvalidOptionError).component).toBe('whenReady');
  });

  it('should put the limit at the largest timer node keeps', () => {
    expect(maxTimerMs).toBe(2 ** 31 - 1);
  });
});
