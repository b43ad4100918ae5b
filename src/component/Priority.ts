/**
 * How urgently a component must be warm. Waves run in this order; DEFERRED components are loaded
 * only on demand.
 *
 * @example
 * ```ts
 * @Component({ priority: Priority.CRITICAL }) class Auth {}
 * ```
 */
export enum Priority {
  CRITICAL = 0,
  HIGH = 1,
  MEDIUM = 2,
  LOW = 3,
  DEFERRED = 4,
}

/** Priorities that `boot()` loads, most urgent first. */
export const bootPriorities: readonly Priority[] = [Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW];

/**
 * The enum member's name of a priority.
 *
 * @example
 * ```ts
 * priorityName(Priority.HIGH); // 'HIGH'
 * ```
 */
export function priorityName(priority: Priority): string {
  return Priority[priority] ?? String(priority);
}
