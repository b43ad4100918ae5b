/**
 * Stable codes carried by every {@link PreheatError}. Match on these, never on message text.
 * `docs/errors.md` lists each code with its cause and fix.
 *
 * @example
 * ```ts
 * try { await warmup.boot(); } catch (err) {
 *   if (PreheatError.is(err) && err.code === ErrorCode.BootFailed) console.error(err.report);
 * }
 * ```
 */
export const ErrorCode = {
  BootFailed: 'PREHEAT_BOOT_FAILED',
  BootCancelled: 'PREHEAT_BOOT_CANCELLED',
  CircularDependency: 'PREHEAT_CIRCULAR_DEPENDENCY',
  MissingDependency: 'PREHEAT_MISSING_DEPENDENCY',
  DuplicateComponent: 'PREHEAT_DUPLICATE_COMPONENT',
  InvalidOption: 'PREHEAT_INVALID_OPTION',
  UnknownComponent: 'PREHEAT_UNKNOWN_COMPONENT',
  NotReady: 'PREHEAT_NOT_READY',
  Timeout: 'PREHEAT_TIMEOUT',
  LoadFailed: 'PREHEAT_LOAD_FAILED',
  Unhealthy: 'PREHEAT_UNHEALTHY',
  DependencyFailed: 'PREHEAT_DEPENDENCY_FAILED',
  MissingReflectMetadata: 'PREHEAT_MISSING_REFLECT_METADATA',
  RegistrationClosed: 'PREHEAT_REGISTRATION_CLOSED',
  MissingInjectionMetadata: 'PREHEAT_MISSING_INJECTION_METADATA',
  Internal: 'PREHEAT_INTERNAL',
  ComponentSkipped: 'PREHEAT_COMPONENT_SKIPPED',
  DependencySkipped: 'PREHEAT_DEPENDENCY_SKIPPED',
} as const;

/** One of the {@link ErrorCode} values. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
