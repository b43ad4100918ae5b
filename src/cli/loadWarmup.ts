import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Container } from 'inversify';
import { Warmup, type Registrable, type WarmupOptions } from '../index.js';
import { CliError, CliErrorCode, oneLine } from './CliError.js';

// The brand `@Component` records on a class (Symbol.for, so it is the same in every copy of preheat).
const componentOptionsKey = Symbol.for('preheat/component-options');

/** A Warmup, possibly from another copy of preheat than the CLI's: only what the CLI calls. */
export type BootableWarmup = Pick<Warmup, 'boot' | 'report' | 'events$' | 'progress$' | 'shutdown'>;

/**
 * What a module gave: a Warmup to boot, how it was found (for `--verbose`), and where it came from:
 * a Warmup the module made itself (`instance`), one a factory returned (`factory`), or one the CLI
 * made for the exported components (`components`).
 */
export interface LoadedWarmup {
  readonly warmup: BootableWarmup;
  readonly how: string;
  readonly source: 'instance' | 'factory' | 'components';
}

/**
 * Imports `specifier` (a file, relative to `cwd`) and turns what it exports into a Warmup:
 * 1. a default export that is a Warmup, or a function returning one (sync or async) — called;
 * 2. else a named export that is a Warmup;
 * 3. else every exported `@Component` class and `{ token, load }` definition (also inside arrays),
 *    registered into a new Warmup on a new inversify Container;
 * 4. else the one named function, called as in 1.
 *
 * With `options` (`preheat profile record` gives `{ profile }`), a factory is called with them as
 * its one argument, and the Warmup of 3 is made with them; a Warmup the module made itself cannot
 * take them (the caller checks `source`).
 */
export async function loadWarmup(specifier: string, cwd: string, options?: WarmupOptions): Promise<LoadedWarmup> {
  const exports = await importModule(specifier, cwd);
  const entries = Object.entries(exports);
  const fallback = entries.find(([name]) => name === 'default')?.[1];
  if (isWarmup(fallback)) return { warmup: fallback, how: 'the default export', source: 'instance' };
  if (isFactory(fallback)) return callFactory(fallback, 'default', specifier, options);

  const named = entries.filter(([name]) => name !== 'default');
  const instances = named.filter(([, value]) => isWarmup(value));
  if (instances.length === 1) return { warmup: instances[0]![1] as BootableWarmup, how: `the export '${instances[0]![0]}'`, source: 'instance' };
  if (instances.length > 1) {
    throw new CliError(CliErrorCode.BadFactory, `'${specifier}' exports several Warmups (${instances.map(([n]) => n).join(', ')}); export the one to boot as default`);
  }

  const components = entries.flatMap(([, value]) => componentsIn(value));
  if (components.length > 0) return { warmup: registerAll(components, specifier, options), how: `${components.length} exported components`, source: 'components' };

  const factories = named.filter(([, value]) => isFactory(value));
  if (factories.length === 1) return callFactory(factories[0]![1] as (options?: WarmupOptions) => unknown, factories[0]![0], specifier, options);
  if (factories.length > 1) {
    throw new CliError(CliErrorCode.BadFactory, `'${specifier}' exports several functions (${factories.map(([n]) => n).join(', ')}); export the one that returns a Warmup as default`);
  }
  throw new CliError(
    CliErrorCode.NoComponents,
    `'${specifier}' exports no components: export @Component classes, { token, load } definitions, or a function that returns a configured Warmup`,
  );
}

async function importModule(specifier: string, cwd: string): Promise<Record<string, unknown>> {
  const path = resolve(cwd, specifier);
  if (!existsSync(path)) throw new CliError(CliErrorCode.NoSuchFile, `cannot find module '${specifier}' (looked for ${path})`);
  try {
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const hint = /\.[mc]?tsx?$/.test(path) ? ' (compile it to JavaScript first, or run node with a TypeScript loader)' : '';
    throw new CliError(CliErrorCode.ImportFailed, `could not import '${specifier}': ${oneLine(error)}${hint}`, { cause: error });
  }
}

async function callFactory(factory: (options?: WarmupOptions) => unknown, name: string, specifier: string, options: WarmupOptions | undefined): Promise<LoadedWarmup> {
  let result: unknown;
  try {
    result = await (options === undefined ? factory() : factory(options));
  } catch (error) {
    throw new CliError(CliErrorCode.BadFactory, `the ${name} export of '${specifier}' threw: ${oneLine(error)}`, { cause: error });
  }
  if (!isWarmup(result)) {
    throw new CliError(CliErrorCode.BadFactory, `the ${name} export of '${specifier}' returned ${describe(result)}, not a Warmup: return the configured Warmup (or export components instead)`);
  }
  return { warmup: result, how: `the Warmup returned by the ${name} export`, source: 'factory' };
}

function registerAll(components: Registrable[], specifier: string, options: WarmupOptions | undefined): BootableWarmup {
  try {
    return new Warmup(new Container(), options).register(...components);
  } catch (error) {
    throw new CliError(CliErrorCode.NoComponents, `could not register the components of '${specifier}': ${oneLine(error)}`, { cause: error });
  }
}

function componentsIn(value: unknown): Registrable[] {
  if (Array.isArray(value)) return value.filter(isComponent);
  return isComponent(value) ? [value] : [];
}

function isComponent(value: unknown): value is Registrable {
  if (typeof value === 'function') return Reflect.getOwnMetadata(componentOptionsKey, value) !== undefined;
  return typeof value === 'object' && value !== null && 'token' in value && typeof (value as { load?: unknown }).load === 'function';
}

/**
 * A plain function (not a class, not a component): a candidate factory. Only the start of the
 * source is looked at, to tell `class` syntax (which cannot be called) from a function.
 */
function isFactory(value: unknown): value is () => unknown {
  return typeof value === 'function' && !isComponent(value) && !Function.prototype.toString.call(value).startsWith('class');
}

/** Duck-typed, so a Warmup from another copy of preheat works too. */
function isWarmup(value: unknown): value is BootableWarmup {
  if (value instanceof Warmup) return true;
  const candidate = value as Partial<Record<keyof BootableWarmup, unknown>> | null | undefined;
  return typeof candidate?.boot === 'function' && typeof candidate.report === 'function' && typeof candidate.events$ === 'object';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${Object.keys(value).slice(0, 4).join(', ') || 'no keys'})`;
  return `a ${typeof value}`;
}
