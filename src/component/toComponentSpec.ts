import type { Newable, ServiceIdentifier } from 'inversify';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { resolveHealthOptions } from '../health/HealthOptions.js';
import { getComponentOptions } from './componentMetadata.js';
import { isComponentDefinition, type ComponentDefinition } from './ComponentDefinition.js';
import type { ComponentOptions } from './ComponentOptions.js';
import type { ComponentSpec } from './ComponentSpec.js';
import { resolveRetryPolicy } from './RetryPolicy.js';
import { componentDefaults as d } from './defaults.js';
import { describeToken } from './describeToken.js';
import { validateComponentOptions } from './validateOptions.js';
import { readInjections, type Injection } from './readInjections.js';

/**
 * Something `register` accepts: a `@Component` class (or any injectable class), or a definition.
 *
 * @example
 * ```ts
 * const items: Registrable[] = [Db, { token: 'cache', load: () => new Map() }];
 * warmup.register(...items);
 * ```
 */
export type Registrable = Newable | ComponentDefinition<never> | ComponentDefinition;

/** Normalises a class or definition into a {@link ComponentSpec}, validating every option. */
export function toComponentSpec(item: Registrable, index: number): ComponentSpec {
  if (typeof item === 'function') {
    const options = getComponentOptions(item) ?? {};
    const name = options.name ?? (item.name || `component#${index}`);
    return build(index, options.token ?? item, name, options, item, undefined, readInjections(item, name));
  }
  if (!isComponentDefinition(item)) {
    throw new InvalidOptionError(
      `item #${index}`,
      'register',
      'takes @Component classes or definitions ({ token, load })',
      item,
    );
  }
  const definition = item as ComponentDefinition;
  if (definition.token === undefined || definition.token === null) {
    throw new InvalidOptionError(definition.name ?? `item #${index}`, 'token', 'must be a string, symbol or class', definition.token);
  }
  if (typeof definition.load !== 'function') {
    throw new InvalidOptionError(definition.name ?? describeToken(definition.token), 'load', 'must be a function', typeof definition.load);
  }
  const name = definition.name ?? nameOfToken(definition.token, index);
  validateComponentOptions(name, definition);
  if (definition.inject !== undefined) {
    throw new InvalidOptionError(name, 'inject', 'is for classes; a loader gets its dependencies with ctx.get', definition.inject, "list them in 'dependsOn'.");
  }
  return build(index, definition.token, name, definition, undefined, definition, none);
}

function build(
  index: number,
  token: ServiceIdentifier,
  name: string,
  options: ComponentOptions,
  ctor: Newable | undefined,
  definition: ComponentDefinition | undefined,
  injections: readonly Injection[],
): ComponentSpec {
  return {
    index,
    token,
    name,
    priority: options.priority ?? d.priority,
    dependsOn: options.dependsOn ?? none,
    optionalDependsOn: options.optionalDependsOn ?? none,
    timeout: options.timeout ?? d.timeout,
    maxTimeout: options.maxTimeout ?? options.timeout ?? d.timeout,
    enabled: options.enabled ?? true,
    retry: resolveRetryPolicy(name, 'retries', options.retries ?? d.retries, options.backoff),
    required: options.required ?? d.required,
    memoryMb: options.memoryMb ?? d.memoryMb,
    healthTimeout: options.healthTimeout,
    shutdownTimeout: options.shutdownTimeout,
    health: resolveHealthOptions(name, options.health, options.healthChecks),
    adaptive: options.adaptive,
    cacheVersion: options.cacheVersion,
    idle: options.idle,
    ctor,
    injections,
    definition,
  };
}

/**
 * A definition's display name from its token. A symbol without a description gets its index, so
 * two `Symbol()` tokens do not collide on the name `Symbol()`.
 */
function nameOfToken(token: ServiceIdentifier, index: number): string {
  if (typeof token === 'string') return token;
  if (typeof token === 'symbol' && token.description === undefined) return `Symbol(#${index})`;
  return describeToken(token);
}

const none: readonly never[] = Object.freeze([]);
