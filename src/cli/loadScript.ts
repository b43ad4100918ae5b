import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError, CliErrorCode, oneLine } from './CliError.js';

/** A scripted run: representative work against the booted Warmup and its container. */
export type ScriptedRun = (warmup: unknown, container: unknown) => unknown;

/**
 * Imports the `--script` module of `preheat profile record` (relative to `cwd`); its default export
 * must be a function, `async (warmup, container) => { … }`.
 */
export async function loadScript(specifier: string, cwd: string): Promise<ScriptedRun> {
  const path = resolve(cwd, specifier);
  if (!existsSync(path)) throw new CliError(CliErrorCode.NoSuchFile, `cannot find script '${specifier}' (looked for ${path})`);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(CliErrorCode.ImportFailed, `could not import script '${specifier}': ${oneLine(error)}`, { cause: error });
  }
  const run = exports.default;
  if (typeof run !== 'function') {
    throw new CliError(CliErrorCode.BadScript, `script '${specifier}' has no default export function: export default async (warmup, container) => { /* representative work, in warmup.track(kind, fn) */ }`);
  }
  return run as ScriptedRun;
}
