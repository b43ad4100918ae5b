import { CliError, CliErrorCode } from '../CliError.js';
import type { Command } from '../CommandContext.js';
import { runDemo } from '../demo/runDemo.js';

/** `preheat demo [--out dir]`: the simulated voice assistant. */
export const demoCommand: Command = {
  options: ['out', 'profile'],
  usage: 'preheat demo [--out dir] [--profile dir]',
  async run({ args, options, term, cwd }) {
    if (args.length > 0) throw new CliError(CliErrorCode.Usage, `unexpected argument '${args[0]}': ${this.usage}`);
    return runDemo({ term, cwd, out: options.out, verbose: options.verbose, profile: options.profile });
  },
};
