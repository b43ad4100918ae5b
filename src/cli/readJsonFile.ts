import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError, CliErrorCode, oneLine } from './CliError.js';

/** What the file is, for the messages, and how to get a good one. */
export interface JsonFileKind {
  /** `'report'`, `'profile'`: named in "cannot read report '…'". */
  readonly what: string;
  /** Appended to the missing-file message, e.g. `' (write one with: …)'`. */
  readonly whenMissing?: string;
  /** Appended to the not-JSON message. */
  readonly whenNotJson?: string;
}

/**
 * Reads a JSON file the CLI was given (a relative path is resolved against `cwd`, as the other
 * commands' paths are): `PREHEAT_CLI_NO_SUCH_FILE` when it cannot be read, `PREHEAT_CLI_NOT_JSON`
 * when it does not parse. What the value must be is the caller's check.
 */
export async function readJsonFile(path: string, cwd: string, kind: JsonFileKind): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : oneLine(error);
    throw new CliError(CliErrorCode.NoSuchFile, `cannot read ${kind.what} '${path}': ${why}${kind.whenMissing ?? ''}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(CliErrorCode.NotJson, `'${path}' is not JSON: ${oneLine(error)}${kind.whenNotJson ?? ''}`, { cause: error });
  }
}
