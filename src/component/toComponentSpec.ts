import type { Newable, ServiceIdentifier } from 'inversify';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { resolveHealthOptions } from '../health/HealthOptions.js';
import { getComponentOptions } from './componentMetadata.js';
import { isComponentDefinition, type ComponentDefinition } from './ComponentDefinition.js';
import type { ComponentOptions, DependencyRef } from './ComponentOptions.js';
import type { AdaptiveBounds } from '../adaptive/AdaptiveOptions.js';
import type { ResolvedHealthOptions } from '../health/HealthOptions.js';
import type { Priority } from './Priority.js';
import type { RetryPolicy } from './RetryPolicy.js';
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
  const retry = resolveRetryPolicy(name, 'retries', options.retries ?? d.retries, options.backoff);
  const health = resolveHealthOptions(name, options.health, options.healthChecks);
  const o = options;
  const priority = o.priority ?? d.priority;
  const timeout = o.timeout ?? d.timeout;
  const required = o.required ?? d.required;
  const rare =
    o.optionalDependsOn === undefined && o.maxTimeout === undefined && o.enabled === undefined && o.memoryMb === undefined && o.healthTimeout === undefined &&
    o.shutdownTimeout === undefined && o.adaptive === undefined && o.cacheVersion === undefined && o.idle === undefined
      ? noRareFields
      : {
          optionalDependsOn: o.optionalDependsOn ?? none,
          maxTimeout: o.maxTimeout,
          enabled: o.enabled ?? true,
          memoryMb: o.memoryMb ?? d.memoryMb,
          healthTimeout: o.healthTimeout,
          shutdownTimeout: o.shutdownTimeout,
          adaptive: o.adaptive,
          cacheVersion: o.cacheVersion,
          idle: o.idle,
        };
  return new Spec(index, token, name, o.dependsOn ?? none, injections, ctor ?? definition!, settingsOf(priority, timeout, retry, required, health, rare));
}

/** The options most components leave out, kept together (one shared object when all are left out). */
interface RareFields {
  readonly optionalDependsOn: readonly DependencyRef[];
  /** undefined: the timeout. */
  readonly maxTimeout: number | undefined;
  readonly enabled: boolean | (() => boolean);
  readonly memoryMb: number;
  readonly healthTimeout: number | undefined;
  readonly shutdownTimeout: number | undefined;
  readonly adaptive: AdaptiveBounds | false | undefined;
  readonly cacheVersion: string | number | undefined;
  readonly idle: { readonly after: number } | undefined;
}

const noRareFields: RareFields = Object.freeze({
  optionalDependsOn: Object.freeze([]),
  maxTimeout: undefined,
  enabled: true,
  memoryMb: d.memoryMb,
  healthTimeout: undefined,
  shutdownTimeout: undefined,
  adaptive: undefined,
  cacheVersion: undefined,
  idle: undefined,
});

/** A spec's settings: usually the same for many components, so shared (see {@link settingsOf}). */
interface Settings {
  readonly priority: Priority;
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly required: boolean;
  readonly health: ResolvedHealthOptions;
  readonly rare: RareFields;
}

/**
 * The last settings made for each priority: a component whose settings equal them (the same
 * timeout, flags and the same shared retry, health and rare objects, as most components have)
 * shares the object. Five entries at most, each a few small frozen objects: nothing grows with
 * the number of components or Warmups.
 */
const lastSettings = new Map<Priority, Settings>();

function settingsOf(priority: Priority, timeout: number, retry: RetryPolicy, required: boolean, health: ResolvedHealthOptions, rare: RareFields): Settings {
  const last = lastSettings.get(priority);
  if (last !== undefined && last.timeout === timeout && last.retry === retry && last.required === required && last.health === health && last.rare === rare) return last;
  const settings: Settings = Object.freeze({ priority, timeout, retry, required, health, rare });
  lastSettings.set(priority, settings);
  return settings;
}

/**
 * A spec: the fields that differ from component to component are its own (7); its settings are
 * one object shared by every component with the same ones, and the rarely given options one more
 * inside it, read through getters. That keeps a spec at 80 bytes (7 fields) where 21 fields took
 * 200 (~12 MB less at 100,000 components); readers see the plain {@link ComponentSpec} interface
 * either way (its fields are getters, so a spread `{ ...spec }` copies only the own ones).
 */
class Spec implements ComponentSpec {
  constructor(
    readonly index: number,
    readonly token: ServiceIdentifier,
    readonly name: string,
    readonly dependsOn: readonly DependencyRef[],
    readonly injections: readonly Injection[],
    /** The class, or the definition. */
    private readonly source: Newable | ComponentDefinition,
    private readonly settings: Settings,
  ) {}

  get ctor(): Newable | undefined {
    return typeof this.source === 'function' ? this.source : undefined;
  }

  get definition(): ComponentDefinition | undefined {
    return typeof this.source === 'function' ? undefined : this.source;
  }

  get priority(): Priority {
    return this.settings.priority;
  }

  get timeout(): number {
    return this.settings.timeout;
  }

  get retry(): RetryPolicy {
    return this.settings.retry;
  }

  get required(): boolean {
    return this.settings.required;
  }

  get health(): ResolvedHealthOptions {
    return this.settings.health;
  }

  get optionalDependsOn(): readonly DependencyRef[] {
    return this.settings.rare.optionalDependsOn;
  }

  get maxTimeout(): number {
    return this.settings.rare.maxTimeout ?? this.settings.timeout;
  }

  get enabled(): boolean | (() => boolean) {
    return this.settings.rare.enabled;
  }

  get memoryMb(): number {
    return this.settings.rare.memoryMb;
  }

  get healthTimeout(): number | undefined {
    return this.settings.rare.healthTimeout;
  }

  get shutdownTimeout(): number | undefined {
    return this.settings.rare.shutdownTimeout;
  }

  get adaptive(): AdaptiveBounds | false | undefined {
    return this.settings.rare.adaptive;
  }

  get cacheVersion(): string | number | undefined {
    return this.settings.rare.cacheVersion;
  }

  get idle(): { readonly after: number } | undefined {
    return this.settings.rare.idle;
  }
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
