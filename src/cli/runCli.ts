import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PreheatError } from '../index.js';
import { CliError, CliErrorCode, oneLine } from './CliError.js';
import type { CliOptions, Command } from './CommandContext.js';
import { blameCommand } from './commands/blameCommand.js';
import { bootCommand } from './commands/bootCommand.js';
import { criticalChainCommand } from './commands/criticalChainCommand.js';
import { demoCommand } from './commands/demoCommand.js';
import { learnedCommand } from './commands/learnedCommand.js';
import { plotCommand } from './commands/plotCommand.js';
import { profileMergeCommand } from './commands/profileMergeCommand.js';
import { profileRecordCommand } from './commands/profileRecordCommand.js';
import { traceCommand } from './commands/traceCommand.js';
import { terminalText } from './format/terminalText.js';
import { helpText } from './help.js';
import { makeTerminal, type OutputStream } from './Terminal.js';

const commands: Readonly<Record<string, Command>> = {
  boot: bootCommand,
  'analyze blame': blameCommand,
  'analyze critical-chain': criticalChainCommand,
  'analyze learned': learnedCommand,
  'analyze plot': plotCommand,
  'analyze trace': traceCommand,
  demo: demoCommand,
  'profile record': profileRecordCommand,
  'profile merge': profileMergeCommand,
};

const optionSchema = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
  report: { type: 'string' },
  output: { type: 'string', short: 'o' },
  out: { type: 'string' },
  width: { type: 'string' },
  profile: { type: 'string' },
  script: { type: 'string' },
} as const;

/** Where the CLI runs: its streams, environment and working folder. */
export interface CliEnvironment {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/**
 * The `preheat` command: parses `argv` (without `node` and the script), runs the command and
 * resolves with the exit code. Errors come out as one `preheat: <CODE>: <message>` line on stderr
 * (with the stack trace under `--verbose`); it never throws.
 */
export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const term = makeTerminal(io.stdout, io.stderr, io.env);
  const verbose = argv.includes('--verbose');
  try {
    const { values, positionals } = parse(argv);
    if (values.version === true) {
      term.out.write(`${version()}\n`);
      return 0;
    }
    if (values.help === true || positionals.length === 0 || positionals[0] === 'help') {
      term.out.write(helpText);
      return 0;
    }
    const { name, command, args } = findCommand(positionals);
    const stray = (Object.keys(values) as (keyof CliOptions)[]).filter((k) => k !== 'verbose' && !command.options.includes(k));
    if (stray.length > 0) throw new CliError(CliErrorCode.Usage, `'${name}' does not take --${stray[0]}: ${command.usage}`);
    return await command.run({ args, options: values, term, cwd: io.cwd });
  } catch (error) {
    // Messages carry what the user gave (paths, names, a module's own error text): escaped.
    term.err.write(`preheat: ${terminalText(describe(error))}\n`);
    if (verbose) term.err.write(`${stackOf(error).split('\n').map(terminalText).join('\n')}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]): { values: CliOptions; positionals: string[] } {
  try {
    return parseArgs({ args: [...argv], options: optionSchema, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(CliErrorCode.Usage, `${oneLine(error)} (see preheat --help)`, { cause: error });
  }
}

function findCommand(positionals: readonly string[]): { name: string; command: Command; args: string[] } {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ');
    // Own keys only: `preheat constructor` must not find Object's constructor.
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command !== undefined) return { name, command, args: positionals.slice(words) };
  }
  // `analyze` and `profile` are groups: an unknown word after one lists that group's commands.
  const group = positionals[0] === 'analyze' || positionals[0] === 'profile' ? positionals[0] : undefined;
  const known = Object.keys(commands).filter((c) => group === undefined || c.startsWith(`${group} `));
  const what = positionals.slice(0, group === undefined ? 1 : 2).join(' ');
  throw new CliError(CliErrorCode.Usage, `unknown command '${what}'; commands: ${known.join(', ')} (see preheat --help)`);
}

/** One line, its stable code first: scripts match the code, people read the rest. */
function describe(error: unknown): string {
  if (error instanceof CliError) return `${error.code}: ${error.message}`;
  if (PreheatError.is(error)) return `${error.code}: ${oneLine(error)}`;
  const name = error instanceof Error ? `${error.name}: ` : '';
  return `${CliErrorCode.Unexpected}: ${name}${oneLine(error)} (a bug in preheat: run with --verbose for the stack trace, and please report it)`;
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(depth === 0 ? '' : 'Caused by:', e instanceof Error ? (e.stack ?? e.message) : oneLine(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return lines.filter((l) => l !== '').join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
