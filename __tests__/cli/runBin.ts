import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the built bin the tests run (package.json "bin"). */
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = join(root, 'dist/cli/main.js');
export const fixture = (name: string): string => join(root, '__tests__/cli/fixtures', name);

/** What a run of the bin gave. */
export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Makes sure dist/ holds the CLI. `npm test` builds first (pretest); when jest runs on its own and
 * dist/cli is missing, the first test file to get here builds it, under a lock so the CLI test
 * files running in parallel do not write dist/ at the same time.
 */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `preheat-cli-build-${Buffer.from(root).toString('hex').slice(-24)}.lock`);
  for (let waited = 0; !existsSync(bin); waited += 200) {
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building; a lock older than two minutes is left over from a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (waited > 120_000 || Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      const build = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
    } finally {
      rmdirSync(lock);
    }
  }
}

/** Runs `node dist/cli/main.js ...args` without a TTY and collects its output. */
export function runBin(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; script?: string } = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.script ?? bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh temporary folder for files a run writes. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'preheat-cli-'));
}
