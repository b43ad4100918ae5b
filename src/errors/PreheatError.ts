import type { ErrorCode } from './ErrorCode.js';

const brand = Symbol.for('preheat/PreheatError');

/**
 * What every {@link PreheatError} may say besides its message.
 *
 * @example
 * ```ts
 * const { component, path, attempt, hint } = err as PreheatError;
 * ```
 */
export interface PreheatErrorDetails {
  /** Display name of the component the error is about. */
  readonly component?: string | undefined;
  /** Dependency path that led here, outermost first (e.g. `['api', 'db']`). */
  readonly path?: readonly string[] | undefined;
  /** 1-based attempt during which the error happened. */
  readonly attempt?: number | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
  /** A hint at the likely fix, appended to the message. */
  readonly hint?: string | undefined;
}

/**
 * Base class of every error preheat raises. Each subclass has a stable {@link ErrorCode} in `code`,
 * names the component (and the dependency path where there is one), carries the `cause`, and ends
 * its message with a hint at the fix.
 *
 * @example
 * ```ts
 * warmup.boot().catch((err: unknown) => {
 *   if (PreheatError.is(err)) console.error(err.code, err.component, err.message);
 * });
 * ```
 */
export abstract class PreheatError extends Error {
  /** Stable machine-readable code, e.g. `PREHEAT_TIMEOUT`. */
  abstract readonly code: ErrorCode;
  /** Display name of the component concerned, when there is one. */
  readonly component: string | undefined;
  /** Dependency path, outermost first, when there is one. */
  readonly path: readonly string[] | undefined;
  /** 1-based attempt number, when the error belongs to one attempt. */
  readonly attempt: number | undefined;
  /** Hint at the likely fix (also the last line of `message`). */
  readonly hint: string | undefined;

  protected constructor(message: string, details: PreheatErrorDetails = {}) {
    super(
      details.hint === undefined ? message : `${message}\n  hint: ${details.hint}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = new.target.name;
    this.component = details.component;
    this.path = details.path;
    this.attempt = details.attempt;
    this.hint = details.hint;
  }

  /**
   * True for any preheat error, even one from another copy of the package. Never throws, even for a
   * revoked Proxy.
   */
  static is(value: unknown): value is PreheatError {
    try {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
    } catch {
      return false;
    }
  }
}

Object.defineProperty(PreheatError.prototype, brand, { value: true });
