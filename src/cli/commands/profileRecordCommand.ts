import { resolve } from 'node:path';
import { FileProfileStore, type ProfileStore, type UsageProfile } from '../../index.js';
import { bootWithProgress, shutdownQuietly } from '../bootWithProgress.js';
import { CliError, CliErrorCode, oneLine } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { terminalText } from '../format/terminalText.js';
import { loadScript, type ScriptedRun } from '../loadScript.js';
import { loadWarmup } from '../loadWarmup.js';

/**
 * `preheat profile record <module> [--script <module>] --out <profile.json>`: a profile made in CI.
 * Loads the module as `preheat boot` does, but with `{ profile: { store } }`: a Warmup the CLI makes
 * for exported components gets it, a factory is called with it (and must pass it on); a Warmup the
 * module made itself cannot take it. The store starts empty (a fresh profile, whatever --out holds)
 * and keeps what the Warmup saves in memory; boot, the script, shutdown, and only when all of that
 * succeeded is the last save written to --out, atomically.
 */
export const profileRecordCommand: Command = {
  options: ['script', 'out'],
  usage: 'preheat profile record <module> [--script <module>] --out <profile.json>',
  async run({ args, options, term, cwd }) {
    const [specifier, ...extra] = args;
    if (specifier === undefined || extra.length > 0) throw new CliError(CliErrorCode.Usage, `expected one module, got ${args.length}: ${this.usage}`);
    if (options.out === undefined) throw new CliError(CliErrorCode.Usage, `where to write the profile? ${this.usage}`);
    const script = options.script === undefined ? undefined : await loadScript(options.script, cwd);
    const store = new RecordingStore();
    const { warmup, how, source } = await loadWarmup(specifier, cwd, { profile: { store } });
    if (source === 'instance') {
      throw new CliError(
        CliErrorCode.ProfileIgnored,
        `${how} of '${specifier}' is a Warmup made by the module, which cannot record into --out: export a function instead, (options) => new Warmup(container, { ...yours, ...options }), or export the components`,
      );
    }
    if (options.verbose === true) term.out.write(`Recording ${terminalText(how)} of ${terminalText(specifier)}\n`);
    const { failedRequired } = await bootWithProgress(warmup, term, 'off', options.verbose === true);
    if (failedRequired.length > 0) {
      await shutdownQuietly(warmup);
      throw new CliError(CliErrorCode.BootFailed, `boot failed: required component(s) failed: ${failedRequired.join(', ')}; no profile written`);
    }
    if (script !== undefined) await runScript(script, options.script!, warmup);
    await shutdownQuietly(warmup);
    const profile = store.saved;
    if (profile === undefined) {
      throw new CliError(
        CliErrorCode.ProfileIgnored,
        `${how} of '${specifier}' never saved a profile: the factory was called with { profile } and must pass it into its Warmup, new Warmup(container, { ...yours, ...options })`,
      );
    }
    try {
      await new FileProfileStore(resolve(cwd, options.out)).save(profile);
    } catch (error) {
      throw new CliError(CliErrorCode.WriteFailed, `cannot write '${options.out}': ${oneLine(error)}`, { cause: error });
    }
    const kinds = Object.keys(profile.kinds);
    const named = kinds.length === 0 ? '' : ` (${kinds.map(terminalText).join(', ')})`;
    term.out.write(`Recorded a profile of ${Object.keys(profile.components).length} components and ${kinds.length} kinds${named} to ${terminalText(options.out)}\n`);
    return 0;
  },
};

async function runScript(script: ScriptedRun, specifier: string, warmup: unknown): Promise<void> {
  try {
    await script(warmup, (warmup as { container?: unknown }).container);
  } catch (error) {
    await shutdownQuietly(warmup as Parameters<typeof shutdownQuietly>[0]);
    throw new CliError(CliErrorCode.ScriptFailed, `script '${specifier}' threw: ${oneLine(error)}; no profile written`, { cause: error });
  }
}

/** Starts from nothing; keeps the latest profile the Warmup saves (written to --out at the end). */
class RecordingStore implements ProfileStore {
  saved: UsageProfile | undefined;

  load(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  save(profile: unknown): Promise<void> {
    this.saved = structuredClone(profile) as UsageProfile;
    return Promise.resolve();
  }
}
