import type { Newable, ServiceIdentifier } from 'inversify';
import type { ResolvedHealthOptions } from '../health/HealthOptions.js';
import type { AdaptiveBounds } from '../adaptive/AdaptiveOptions.js';
import type { ComponentDefinition } from './ComponentDefinition.js';
import type { DependencyRef } from './ComponentOptions.js';
import type { Priority } from './Priority.js';
import type { Injection } from './readInjections.js';
import type { RetryPolicy } from './RetryPolicy.js';

/**
 * A registered component, normalised: options with defaults applied and the way to create it.
 * Internal; the public shapes are `ComponentOptions` and `ComponentDefinition`.
 */
export interface ComponentSpec {
  readonly index: number;
  readonly token: ServiceIdentifier;
  readonly name: string;
  readonly priority: Priority;
  readonly dependsOn: readonly DependencyRef[];
  readonly optionalDependsOn: readonly DependencyRef[];
  readonly timeout: number;
  /** How far `extendTimeout` may push an attempt's deadline, from its start (≥ timeout). */
  readonly maxTimeout: number;
  /** `enabled`, as given (a function is called when the boot is planned). */
  readonly enabled: boolean | (() => boolean);
  /** `retries` and `backoff`, resolved. */
  readonly retry: RetryPolicy;
  readonly required: boolean;
  readonly memoryMb: number;
  readonly healthTimeout: number | undefined;
  readonly shutdownTimeout: number | undefined;
  /** `health` and `healthChecks`, resolved. */
  readonly health: ResolvedHealthOptions;
  /** Bounds for learned priorities; false: pinned. */
  readonly adaptive?: AdaptiveBounds | false | undefined;
  readonly cacheVersion?: string | number | undefined;
  readonly idle?: { readonly after: number } | undefined;
  /** Present for class components. */
  readonly ctor: Newable | undefined;
  /** A class's constructor and property injections, read at register (empty for definitions). */
  readonly injections: readonly Injection[];
  /** Present for loader components. */
  readonly definition: ComponentDefinition | undefined;
}
