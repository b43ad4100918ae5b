import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything the child printed so far. */
  out(): string;
  /** Resolves with the first stdout line that matches. */
  line(pattern: RegExp): Promise<string>;
}

function start(file: string, args: string[] = []): Running {
  const child = spawn(process.execPath, [fixture(file), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    out: () => out,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`child exited (${code}) before printing ${pattern}: ${err}`)));
      }),
  };
}

function getStatus(port: number, path: string): Promise<number | 'refused'> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('refused'));
    req.end();
  });
}

describe('enableShutdownHooks', () => {
  it('runs the shutdown hooks once, dependents first, on a real SIGTERM and exits 0', async () => {
    const app = start('sigterm-app.mjs');
    await app.line(/^ready/);
    app.child.kill('SIGTERM');
    app.child.kill('SIGTERM'); // a second signal must not run the hooks again
    expect(await app.exited).toBe(0);
    expect(app.out().trim().split('\n')).toEqual(['ready', 'shutdown api', 'shutdown db']);
  }, 20_000);

  describe('having drainMs and a beforeStop that closes the server', () => {
    it('fails readiness first, then closes the server, then stops the components', async () => {
      const app = start('graceful-app.mjs');
      const port = Number((await app.line(/^ready \d+/)).split(' ')[1]);
      expect(await getStatus(port, '/readyz')).toBe(200);
      app.child.kill('SIGTERM');
      await app.line(/^readiness failed/);
      // During the drain the server still answers, and says it is not ready.
      expect(await getStatus(port, '/readyz')).toBe(503);
      expect(await app.exited).toBe(0);
      expect(await getStatus(port, '/readyz')).toBe('refused');
      expect(app.out().trim().split('\n').slice(1)).toEqual(['readiness failed', 'server closed', 'shutdown api', 'shutdown db']);
    }, 20_000);

    it('exits with the exitCode it was given', async () => {
      const app = start('graceful-app.mjs', ['7']);
      await app.line(/^ready \d+/);
      app.child.kill('SIGINT');
      expect(await app.exited).toBe(7);
    }, 20_000);
  });
});
