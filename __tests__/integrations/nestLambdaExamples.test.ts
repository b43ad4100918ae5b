import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type * as LambdaExample from '../../examples/integrations/lambda.js';
import { bundleExample, get, removeBundles, runExample, type Running } from './runExample.js';

// The NestJS and AWS Lambda examples of docs/integrations.md.
// Nest: a real service in a child process that receives a real SIGTERM (jest's sandboxed
// `process` gets no signals). Lambda: the handler module imported as Lambda's runtime imports it
// (its top-level await is the init phase), then invoked with Lambda-like contexts.
let nest: string;
const running: Running[] = [];

beforeAll(async () => {
  nest = await bundleExample('nest');
}, 60_000);
afterAll(() => {
  for (const r of running) r.child.kill('SIGKILL');
  removeBundles();
});

function start(env: Record<string, string> = {}): Running {
  const r = runExample(nest, { PORT: '0', DB_CONNECT_MS: '600', DRAIN_MS: '400', ...env });
  running.push(r);
  return r;
}
const portOf = async (r: Running): Promise<number> => Number((await r.line(/^listening \d+/)).split(' ')[1]);

describe('the nest example', () => {
  it('should answer 503 + Retry-After before Db is warm, 200 after, and on SIGTERM fail readiness before any hook, drain while serving, then run the hooks', async () => {
    const app = start();
    const port = await portOf(app);

    expect(await get(port, '/orders')).toMatchObject({ status: 503, retryAfter: '1', body: { error: 'not ready', notReady: [{ component: 'Db', status: 'loading' }] } });
    expect(await get(port, '/readyz')).toMatchObject({ status: 503, body: { status: 'error', error: { preheat: { status: 'down', waiting: ['Db'] } } } });

    await app.line(/^ready$/);
    expect(await get(port, '/orders')).toMatchObject({ status: 200, retryAfter: null, body: [{ id: 'o-1' }] });
    expect(await get(port, '/readyz')).toMatchObject({ status: 200, body: { status: 'ok' } });

    app.child.kill('SIGTERM');
    await app.line(/^readiness fails$/);
    // The drain: readiness says no, requests are still served, no Nest hook has run.
    expect(await get(port, '/readyz')).toMatchObject({ status: 503 });
    expect(await get(port, '/orders')).toMatchObject({ status: 200 });
    expect(app.lines()).not.toContain('db: closed');

    expect(await app.exited).toEqual({ code: 0, signal: null });
    const steps = app.lines().filter((l) => ['readiness fails', 'db: closed', 'server closed'].includes(l));
    expect(steps).toEqual(['readiness fails', 'db: closed', 'server closed']);
  }, 30_000);

  it('should name Db as failed with Retry-After 5 once its retries are spent', async () => {
    const app = start({ DB_FAIL: '1', DB_CONNECT_MS: '10' });
    const port = await portOf(app);
    await app.line(/^boot failed/);
    expect(await get(port, '/orders')).toMatchObject({ status: 503, retryAfter: '5', body: { notReady: [{ component: 'Db', status: 'failed' }] } });
    app.child.kill('SIGTERM');
    expect((await app.exited).code).toBe(0);
  }, 30_000);
});

describe('the lambda example', () => {
  it('should end the init phase with CRITICAL ready, answer 503 when the time left is too short, then serve the warm Db', async () => {
    process.env['DB_CONNECT_MS'] = '400';
    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => void logged.push(line);
    let example: typeof LambdaExample;
    try {
      example = await import('../../examples/integrations/lambda.js'); // the init phase: module load + top-level await
    } finally {
      console.log = log;
      delete process.env['DB_CONNECT_MS'];
    }
    expect(logged).toEqual([expect.stringMatching(/^init: CRITICAL ready after \d+ ms$/)]);
    expect(Number(/after (\d+) ms/.exec(logged[0]!)![1])).toBeLessThan(3_000); // not the 400 ms Db: CRITICAL only
    const { handler } = example;
    const context = (ms: number) => {
      const deadline = Date.now() + ms;
      return { awsRequestId: 'local', getRemainingTimeInMillis: () => deadline - Date.now() };
    };

    // 600 ms left, 500 kept for the handler: 100 ms is not enough for Db.
    expect(await handler({}, context(600))).toMatchObject({ statusCode: 503, headers: { 'retry-after': '1' }, body: JSON.stringify({ error: 'PREHEAT_NOT_READY', component: 'Db' }) });
    expect(await handler({ source: 'serverless-plugin-warmup' } as never, context(5_000))).toEqual({ warmed: true, ready: true, coldStart: false });
    expect(await handler({ rawPath: '/orders' }, context(3_000))).toEqual({ statusCode: 200, body: JSON.stringify([{ id: 'o-1' }]) });
  });
});

describe('the NestJS and AWS Lambda docs', () => {
  it('should show each example as it is in examples/integrations (the code the tests run)', () => {
    const root = new URL('../../', import.meta.url);
    const docs = readFileSync(new URL('docs/integrations.md', root), 'utf8');
    for (const name of ['nest', 'lambda']) {
      const lines = readFileSync(new URL(`examples/integrations/${name}.ts`, root), 'utf8').split('\n');
      const code = lines.slice(lines.findIndex((l) => !l.startsWith('//'))).join('\n').trim();
      expect({ name, shown: docs.includes(code) }).toEqual({ name, shown: true });
    }
    expect(docs).toMatch(/^## NestJS$/m);
    expect(docs).toMatch(/^## AWS Lambda$/m);
  });
});
