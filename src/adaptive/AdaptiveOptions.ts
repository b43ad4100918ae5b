import type { Priority } from '../component/Priority.js';

/**
 * A component's bounds for learned priorities (`@Component({ adaptive })`): the advisor may move it
 * between `min` (most urgent) and `max` (least urgent), or not at all with `adaptive: false`.
 * Defaults: `min` the more urgent of its own priority and HIGH (the advisor never promotes into
 * CRITICAL, which gates `acceptingRequests`, unless you allow it), `max` DEFERRED. A required
 * CRITICAL component is never demoted, whatever `max` says.
 *
 * @example
 * ```ts
 * @Component({ priority: Priority.MEDIUM, adaptive: { min: Priority.HIGH, max: Priority.LOW } }) class Search {}
 * @Component({ priority: Priority.HIGH, adaptive: false }) class Billing {} // pinned
 * ```
 */
export interface AdaptiveBounds {
  readonly min?: Priority;
  readonly max?: Priority;
}

/**
 * When the advisor promotes and demotes (`WarmupOptions.profile.advisor`).
 *
 * @example
 * ```ts
 * new Warmup(container, { profile: { path: '.preheat/profile.json', advisor: { unusedBoots: 5 } } });
 * ```
 */
export interface AdvisorOptions {
  /** Promote when the decayed direct uses per boot reach this… Default 5. */
  readonly promoteUses?: number;
  /** …and the first use came this soon after `ready`, ms. Default 1_000. */
  readonly earlyMs?: number;
  /** Demote after this many boots in a row without a direct use. Default 3. */
  readonly unusedBoots?: number;
}
