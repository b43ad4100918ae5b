import { resolve } from 'node:path';
import { FileProfileStore, mergeProfiles } from '../../index.js';
import { CliError, CliErrorCode, oneLine } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { terminalText } from '../format/terminalText.js';
import { readProfileFiles } from '../readProfileFile.js';

/**
 * `preheat profile merge <a.json> <b.json> [...] --out <merged.json>`: a profile recorded in CI and
 * one learned in production (or one per replica) made one, with `mergeProfiles`; written atomically.
 */
export const profileMergeCommand: Command = {
  options: ['out'],
  usage: 'preheat profile merge <a.json> <b.json> [...] --out <merged.json>',
  async run({ args, options, term, cwd }) {
    if (args.length < 2) throw new CliError(CliErrorCode.Usage, `expected two or more profile files, got ${args.length}: ${this.usage}`);
    if (options.out === undefined) throw new CliError(CliErrorCode.Usage, `where to write the merged profile? ${this.usage}`);
    const [first, ...rest] = await readProfileFiles(args, cwd);
    const merged = mergeProfiles(first!, ...rest);
    const path = resolve(cwd, options.out);
    try {
      await new FileProfileStore(path).save(merged);
    } catch (error) {
      throw new CliError(CliErrorCode.WriteFailed, `cannot write '${options.out}': ${oneLine(error)}`, { cause: error });
    }
    const components = Object.keys(merged.components).length;
    const kinds = Object.keys(merged.kinds).length;
    term.out.write(`Merged ${args.length} profiles (${merged.boots} boots, ${components} components, ${kinds} kinds) into ${terminalText(options.out)}\n`);
    return 0;
  },
};
