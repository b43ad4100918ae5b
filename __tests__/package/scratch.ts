import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh folder under `.scratch/` (gitignored). It sits inside the repository on purpose: a
 * package installed there finds its dependencies in the repository's node_modules by the usual
 * lookup up the folders, with no network and no second copy of inversify.
 */
export function scratchDir(prefix: string): string {
  mkdirSync(join(root, '.scratch'), { recursive: true });
  return mkdtempSync(join(root, '.scratch', prefix));
}

/** What a finished process gave. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end without a shell; never rejects on a failing exit code. */
export function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs node itself (the one running the tests). */
export const runNode = (args: readonly string[], cwd: string): Promise<RunResult> => run(process.execPath, args, cwd);

/** Runs npm: the npm that started `npm test` when there is one, else the one on the PATH. */
export function runNpm(args: readonly string[], cwd: string): Promise<RunResult> {
  const npmCli = process.env['npm_execpath'];
  return npmCli !== undefined && basename(npmCli) === 'npm-cli.js' ? runNode([npmCli, ...args], cwd) : run('npm', args, cwd);
}

/** Runs the repository's own tsc. */
export const runTsc = (args: readonly string[], cwd: string): Promise<RunResult> => runNode([join(root, 'node_modules/typescript/bin/tsc'), ...args], cwd);
