import { DiscoveryService } from '@nestjs/core';
import type { WarmOptions } from './WarmOptions.js';

/**
 * Marks a Nest provider as a preheat component: `PreheatModule` finds it through Nest's
 * `DiscoveryService`, and calls its `onWarmup(signal)` during application bootstrap, in its
 * priority's wave, beside the other providers of that wave (within `maxConcurrent`), after the
 * `@Warm()` providers it injects or `dependsOn`, with its `timeout`, `retries` and health check.
 * The decorator only records metadata; Nest still builds the instance.
 *
 * @example
 * ```ts
 * @Warm({ priority: Priority.HIGH })
 * @Injectable()
 * export class SearchIndex implements OnWarmup {
 *   constructor(private readonly db: Db) {}          // Db is @Warm() too: SearchIndex warms after it
 *   async onWarmup(signal: AbortSignal) { await this.load(signal); }
 * }
 * ```
 */
export const Warm = DiscoveryService.createDecorator<WarmOptions>();
