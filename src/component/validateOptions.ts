import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { resolveHealthOptions } from '../health/HealthOptions.js';
import type { ComponentOptions } from './ComponentOptions.js';
import { resolveRetryPolicy } from './RetryPolicy.js';
import { Priority } from './Priority.js';
import { componentDefaults } from './defaults.js';

/**
 * Rejects options preheat cannot use, naming the component and the option. Runs at decorator or
 * `register` time so nothing half-registered is left behind.
 */
export function validateComponentOptions(name: string, options: ComponentOptions): void {
  const { priority, timeout, retries, memoryMb, healthTimeout, shutdownTimeout, required, backoff } = options;
  // Each check is guarded here rather than inside its helper: this runs once per component, often
  // before the JIT has optimised it, and most options are unset, so most calls are skipped.
  if (priority !== undefined && !isPriority(priority)) {
    throw new InvalidOptionError(name, 'priority', 'must be a Priority (CRITICAL, HIGH, MEDIUM, LOW or DEFERRED)', priority);
  }
  if (timeout !== undefined) checkPositive(name, 'timeout', timeout);
  if (healthTimeout !== undefined) checkPositive(name, 'healthTimeout', healthTimeout);
  if (shutdownTimeout !== undefined) checkPositive(name, 'shutdownTimeout', shutdownTimeout);
  if (retries !== undefined || backoff !== undefined) resolveRetryPolicy(name, 'retries', retries ?? 0, backoff);
  if ('retryDelay' in options) {
    throw new InvalidOptionError(name, 'retryDelay', 'was renamed', (options as { retryDelay?: unknown }).retryDelay, 'write backoff: { delay } instead.');
  }
  if (memoryMb !== undefined) checkNonNegativeFinite(name, 'memoryMb', memoryMb);
  if (required !== undefined && typeof required !== 'boolean') {
    throw new InvalidOptionError(name, 'required', 'must be a boolean', required);
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name.length === 0)) {
    throw new InvalidOptionError(name, 'name', 'must be a non-empty string', options.name);
  }
  if (options.maxTimeout !== undefined) checkMaxTimeout(name, options.maxTimeout, timeout ?? componentDefaults.timeout);
  if (options.enabled !== undefined && typeof options.enabled !== 'boolean' && typeof options.enabled !== 'function') {
    throw new InvalidOptionError(name, 'enabled', 'must be a boolean or a function returning one', options.enabled);
  }
  if (options.health !== undefined || options.healthChecks !== undefined) resolveHealthOptions(name, options.health, options.healthChecks);
  if (options.adaptive !== undefined) checkAdaptive(name, options.adaptive);
  if (options.idle !== undefined) {
    if (typeof options.idle !== 'object' || options.idle === null) throw new InvalidOptionError(name, 'idle', 'must be { after: ms }', options.idle);
    checkPositive(name, 'idle.after', options.idle.after);
    if (options.idle.after === undefined) throw new InvalidOptionError(name, 'idle.after', 'is required: the idle time in ms before release', undefined);
  }
  if (options.cacheVersion !== undefined && typeof options.cacheVersion !== 'string' && !Number.isFinite(options.cacheVersion)) {
    throw new InvalidOptionError(name, 'cacheVersion', 'must be a string or a finite number', options.cacheVersion);
  }
  if (options.dependsOn !== undefined) checkDependencyList(name, 'dependsOn', options.dependsOn);
  if (options.optionalDependsOn !== undefined) checkDependencyList(name, 'optionalDependsOn', options.optionalDependsOn);
  if (options.inject !== undefined) {
    if (!Array.isArray(options.inject)) throw new InvalidOptionError(name, 'inject', 'must be an array of tokens, one per constructor parameter', options.inject);
    checkDependencyList(
      name,
      'inject',
      options.inject.map((ref: unknown) => (typeof ref === 'object' && ref !== null && 'token' in ref ? (ref).token : ref)),
    );
  }
}

/** True for a member of the {@link Priority} enum. */
export function isPriority(value: unknown): value is Priority {
  return Number.isInteger(value) && (value as number) >= Priority.CRITICAL && (value as number) <= Priority.DEFERRED;
}

/**
 * A wait limit in ms: a number from 0 to {@link maxTimerMs}, or Infinity (or undefined) for none.
 * Throws InvalidOptionError naming `owner` and `option` otherwise.
 */
export function checkWaitLimit(owner: string, option: string, value: unknown): void {
  if (value === undefined || value === Infinity) return;
  if (!(typeof value === 'number' && value >= 0 && value <= maxTimerMs)) {
    throw new InvalidOptionError(owner, option, `must be a number of ms from 0 to ${maxTimerMs}, or Infinity for no limit`, value);
  }
}

/** Node clamps a longer timer to 1 ms, so anything above this (but Infinity) would fire at once. */
export const maxTimerMs = 2_147_483_647;

function checkPositive(name: string, option: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && value > 0 && (value <= maxTimerMs || value === Infinity))) {
    throw new InvalidOptionError(name, option, `must be a positive number of ms up to ${maxTimerMs} (Infinity for no limit)`, value);
  }
}

function checkMaxTimeout(name: string, maxTimeout: number, timeout: number): void {
  checkPositive(name, 'maxTimeout', maxTimeout);
  if (maxTimeout < timeout) {
    throw new InvalidOptionError(name, 'maxTimeout', `must be ≥ timeout (${timeout} ms)`, maxTimeout, "raise 'maxTimeout' to at least 'timeout', or leave it out (then nothing extends).");
  }
}

function checkNonNegativeFinite(name: string, option: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new InvalidOptionError(name, option, 'must be a finite number ≥ 0', value);
  }
}

function checkDependencyList(name: string, option: string, list: readonly unknown[] | undefined): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new InvalidOptionError(name, option, 'must be an array of tokens', list);
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (entry === undefined || entry === null) {
      throw new InvalidOptionError(
        name,
        `${option}[${index}]`,
        'must be a token (class, string or symbol)',
        entry,
        'an undefined class token usually means a circular import: wrap it as new LazyServiceIdentifier(() => Dep).',
      );
    }
  }
}

function checkAdaptive(name: string, adaptive: unknown): void {
  if (adaptive === false) return;
  if (typeof adaptive !== 'object' || adaptive === null) {
    throw new InvalidOptionError(name, 'adaptive', 'must be false or { min, max } (priorities)', adaptive);
  }
  const { min, max } = adaptive as { min?: unknown; max?: unknown };
  if (min !== undefined && !isPriority(min)) throw new InvalidOptionError(name, 'adaptive.min', 'must be a Priority', min);
  if (max !== undefined && !isPriority(max)) throw new InvalidOptionError(name, 'adaptive.max', 'must be a Priority', max);
  if (min !== undefined && max !== undefined && (min as number) > (max as number)) {
    throw new InvalidOptionError(name, 'adaptive', 'min must be as urgent as max or more (CRITICAL = 0 … DEFERRED = 4)', adaptive);
  }
}
