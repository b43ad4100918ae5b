import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * An option has a value preheat cannot use. Raised at `register` or decorator time, before anything loads.
 *
 * @example
 * ```ts
 * @Component({ timeout: 0 }) class Db {} // throws: option 'timeout' of 'Db' must be a positive number
 * ```
 */
export class InvalidOptionError extends PreheatError {
  readonly code = ErrorCode.InvalidOption;
  /** Name of the offending option. */
  readonly option: string;

  constructor(component: string, option: string, expectation: string, value: unknown, hint?: string) {
    super(`Option '${option}' of '${component}' ${expectation}; got ${formatValue(value)}`, {
      component,
      hint: hint ?? `fix '${option}' in the options of '${component}'.`,
    });
    this.option = option;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' || value === undefined || value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  return typeof value;
}
