import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError, CliErrorCode, oneLine } from './CliError.js';

/** Writes a file, creating its folder; a failure becomes one clear line. Returns the absolute path. */
export async function writeOutput(path: string, cwd: string, content: string): Promise<string> {
  const absolute = resolve(cwd, path);
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, content);
  } catch (error) {
    throw new CliError(CliErrorCode.WriteFailed, `cannot write '${path}': ${oneLine(error)}`, { cause: error });
  }
  return absolute;
}
