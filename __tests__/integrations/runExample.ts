import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

// Each example of examples/integrations runs in a child process of its own, as users run it,
// and receives real signals. esbuild bundles it with preheat's sources (`preheat` and
// `preheat/<adapter>` point at src/, so no build is needed); the frameworks stay external.
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = path.join(root, '.scratch', `integrations-${process.pid}`);

const preheatFromSources: Plugin = {
  name: 'preheat-from-sources',
  setup(b) {
    b.onResolve({ filter: /^preheat(\/[a-z]+)?$/ }, ({ path: id }) => {
      const sub = id.slice('preheat'.length + 1);
      return { path: path.join(root, 'src', sub === '' ? 'index.ts' : `adapters/${sub}/index.ts`) };
    });
  },
};

/** Bundles `examples/integrations/<name>.ts` into .scratch and returns the file to run. */
export async function bundleExample(name: string): Promise<string> {
  mkdirSync(out, { recursive: true });
  const outfile = path.join(out, `${name}.mjs`);
  await build({
    entryPoints: [path.join(root, 'examples/integrations', `${name}.ts`)],
    outfile,
    bundle: true,
    packages: 'external',
    plugins: [preheatFromSources],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return outfile;
}

export function removeBundles(): void {
  rmSync(out, { recursive: true, force: true });
}

/** A running example: its stdout lines, a wait for one, its exit. */
export interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  lines(): string[];
  /** Resolves with the first stdout line that matches (already printed or to come). */
  line(pattern: RegExp): Promise<string>;
  stderr(): string;
}

export function runExample(file: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const serve = (): void => {
    for (const w of [...waiters]) {
      const found = stdout.split('\n').find((l) => w.pattern.test(l));
      if (found !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), serve()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    lines: () => stdout.trim().split('\n'),
    stderr: () => stderr,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        serve();
        void exited.then(({ code }) => reject(new Error(`the example exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`)));
      }),
  };
}

/** GET over a fresh connection (no keep-alive), so a closing server never waits on the test. */
export async function get(port: number, urlPath: string): Promise<{ status: number; retryAfter: string | null; body: unknown } | 'refused'> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers: { connection: 'close' } });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
  } catch {
    return 'refused';
  }
}
