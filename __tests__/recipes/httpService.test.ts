import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// The node:http recipe in a real child process that receives a real SIGTERM. The service's main
// (fixtures/service.mjs) and the recipe are bundled by esbuild into one file inside the repository,
// so `preheat` and `preheat/http` resolve to the package itself (dist/, self-reference).
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = path.join(root, '.scratch', `recipes-${process.pid}`);
const service = path.join(out, 'service.mjs');

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, '__tests__/recipes/fixtures/service.mjs')],
    outfile: service,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
}, 20_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  lines(): string[];
  /** Resolves with the first stdout line that matches. */
  line(pattern: RegExp): Promise<string>;
}

function start(mode: 'ok' | 'slow-boot' | 'broken'): Running {
  const child = spawn(process.execPath, [service, mode], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const found = out.split('\n').find((l) => w.pattern.test(l));
      if (found !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    lines: () => out.trim().split('\n'),
    line: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`child exited (${code}) before printing ${pattern}:\n${out}\n${err}`)));
      }),
  };
}

function get(port: number, path: string, agent: Agent | false = false): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('refused'));
    req.end();
  });
}

const portOf = async (app: Running, name: string) => Number((await app.line(new RegExp(`^${name} \\d+`))).split(' ')[1]);

describe('serve (recipe: node:http and SIGTERM)', () => {
  it('fails readiness first while the server still answers, then closes the server (in-flight requests finish), then stops the components', async () => {
    const app = start('ok');
    const probes = await portOf(app, 'probes');
    const port = await portOf(app, 'listening');
    expect(await get(probes, '/readyz')).toBe(200);
    expect(await get(port, '/')).toBe(200);
    const keepAlive = new Agent({ keepAlive: true });
    const inFlight = get(port, '/?delay=800', keepAlive); // still running when the server closes
    await new Promise((resolve) => setTimeout(resolve, 100));

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    await app.line(/^phase: stopping/);
    // The drain: readiness fails, and the server still serves whoever has not noticed yet.
    expect(await get(probes, '/readyz')).toBe(503);
    expect(await get(port, '/')).toBe(200);
    await app.line(/^server: closing/);
    expect(await get(port, '/')).toBe('refused'); // no new connections
    expect(await get(probes, '/readyz')).toBe(503); // the probes go last, at exit

    expect(await inFlight).toBe(200); // the request in flight finished
    expect(await app.exited).toBe(0);
    // The keep-alive connection was closed once its request finished, not at keepAliveTimeout (5 s).
    expect(Date.now() - signalled).toBeLessThan(4_000);
    keepAlive.destroy();
    expect(app.lines().slice(app.lines().findIndex((l) => l.startsWith('listening')) + 1)).toEqual([
      'phase: stopping',
      'server: closing',
      'server: closed',
      'api: stopped', // dependents first
      'db: closed',
    ]);
  });

  it('a SIGTERM during the boot is not a failure: no "boot failed", the server never listens, exit 0', async () => {
    const app = start('slow-boot');
    await app.line(/^phase: booting/);

    app.child.kill('SIGTERM');

    expect(await app.exited).toBe(0);
    expect(app.lines().filter((l) => !l.startsWith('probes'))).toEqual(['phase: booting', 'phase: stopping']);
  });

  it('a failed boot says "boot failed" and exits 1', async () => {
    const app = start('broken');
    expect(await app.exited).toBe(1);
    expect(app.lines()).toContain('boot failed: Boot failed: 2 required component(s) failed');
    expect(app.lines().some((l) => l.startsWith('listening'))).toBe(false);
  });
});
