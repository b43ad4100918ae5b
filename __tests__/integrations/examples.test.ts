import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleExample, get, removeBundles, runExample, type Running } from './runExample.js';

// The examples of docs/integrations.md, each a real service in a child process: 503 + Retry-After
// before Db is usable, 200 after, a real SIGTERM, and the order of the shutdown's steps.
const root = fileURLToPath(new URL('../..', import.meta.url));
const bundles: Record<string, string> = {};
const running: Running[] = [];

beforeAll(async () => {
  for (const name of ['fastify', 'express', 'terminusService', 'lightshipService']) bundles[name] = await bundleExample(name);
}, 60_000);
afterAll(() => {
  for (const r of running) r.child.kill('SIGKILL');
  removeBundles();
});

function start(name: string, env: Record<string, string> = {}): Running {
  const r = runExample(bundles[name]!, { PORT: '0', LIGHTSHIP_PORT: '0', DB_CONNECT_MS: '600', DRAIN_MS: '400', ...env });
  running.push(r);
  return r;
}
const portOf = async (r: Running, label = 'listening'): Promise<number> => Number((await r.line(new RegExp(`^${label} \\d+`))).split(' ')[1]);

describe.each([
  ['fastify', '/readyz'],
  ['express', '/readyz'],
  ['terminusService', '/readyz'],
  ['lightshipService', '/ready'],
])('the %s example', (name, readyPath) => {
  const probePort = (r: Running, port: number): Promise<number> => (name === 'lightshipService' ? portOf(r, 'probes') : Promise.resolve(port));

  it('should answer 503 + Retry-After before Db is usable, 200 after, and on SIGTERM fail readiness, drain while serving, close the server, then stop Db', async () => {
    const app = start(name);
    const port = await portOf(app);
    const probes = await probePort(app, port);

    const early = await get(port, '/orders');
    expect(early).toMatchObject({ status: 503, retryAfter: '1', body: { error: 'not ready', notReady: [{ component: 'Db' }] } });
    expect(await get(probes, readyPath)).toMatchObject({ status: name === 'lightshipService' ? 500 : 503 });

    await app.line(/^ready$/);
    expect(await get(port, '/orders')).toMatchObject({ status: 200, retryAfter: null, body: [{ id: 'o-1' }] });
    expect(await get(probes, readyPath)).toMatchObject({ status: 200 });

    app.child.kill('SIGTERM');
    if (name === 'lightshipService') await new Promise((resolve) => setTimeout(resolve, 100)); // lightship fails readiness itself first
    else await app.line(/^readiness fails$/);
    // The drain: readiness says no, requests are still served.
    expect(await get(probes, readyPath)).toMatchObject({ status: name === 'lightshipService' ? 500 : 503 });
    expect(await get(port, '/orders')).toMatchObject({ status: 200 });

    expect(await app.exited).toEqual({ code: 0, signal: null });
    const steps = app.lines().filter((l) => ['readiness fails', 'server closed', 'db: closed'].includes(l));
    expect(steps).toEqual(['readiness fails', 'server closed', 'db: closed']);
  }, 30_000);

  it('should name Db as failed with Retry-After 5 when it cannot connect', async () => {
    const app = start(name, { DB_FAIL: '1', DB_CONNECT_MS: '10' });
    const port = await portOf(app);
    if (name === 'fastify') await new Promise((resolve) => setTimeout(resolve, 200));
    else await app.line(/^boot failed/);
    expect(await get(port, '/orders')).toMatchObject({ status: 503, retryAfter: '5', body: { notReady: [{ component: 'Db', status: 'failed' }] } });
    app.child.kill('SIGTERM');
    expect((await app.exited).code).toBe(0);
  }, 30_000);
});

describe('docs/integrations.md', () => {
  it('should show each example as it is in examples/integrations (the code the tests run)', () => {
    const doc = readFileSync(join(root, 'docs/integrations.md'), 'utf8');
    for (const name of ['fastify', 'express', 'terminus', 'lightship']) {
      const lines = readFileSync(join(root, 'examples/integrations', `${name}.ts`), 'utf8').split('\n');
      const code = lines.slice(lines.findIndex((l) => !l.startsWith('//'))).join('\n').trim();
      expect({ name, shown: doc.includes(code) }).toEqual({ name, shown: true });
    }
  });

  it('should keep the headings the lead merges the other integrations under', () => {
    const headings = readFileSync(join(root, 'docs/integrations.md'), 'utf8').split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(expect.arrayContaining(['## Fastify', '## Express', '## Probe and shutdown libraries (terminus, lightship)', '## NestJS', '## AWS Lambda']));
  });
});
