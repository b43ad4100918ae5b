import type { Terminal } from './Terminal.js';

/** Every option the `preheat` command knows; each command accepts a few of them. */
export interface CliOptions {
  readonly help?: boolean;
  readonly version?: boolean;
  readonly verbose?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly report?: string;
  readonly output?: string;
  readonly out?: string;
  readonly width?: string;
  readonly profile?: string;
  readonly script?: string;
}

/** What a command runs with: the arguments after its name, the options, where to write. */
export interface CommandContext {
  readonly args: readonly string[];
  readonly options: CliOptions;
  readonly term: Terminal;
  readonly cwd: string;
}

/** A command: resolves with the exit code; throws CliError for bad input. */
export interface Command {
  /** Names of the options it accepts besides --verbose and --help. */
  readonly options: readonly (keyof CliOptions)[];
  /** Its usage line, for error messages. */
  readonly usage: string;
  run(ctx: CommandContext): Promise<number>;
}
