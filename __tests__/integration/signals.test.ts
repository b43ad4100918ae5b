import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../fixtures/sigterm-app.mjs', import.meta.url));

describe('enableShutdownHooks', () => {
  it('runs the shutdown hooks once, dependents first, on a real SIGTERM and exits 0', async () => {
    const child = spawn(process.execPath, [app], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${err}`)));
    });
    child.kill('SIGTERM');
    child.kill('SIGTERM'); // a second signal must not run the hooks again
    const code = await exited;
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toEqual(['ready', 'shutdown api', 'shutdown db']);
  }, 20_000);
});
