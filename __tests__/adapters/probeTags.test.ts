import { afterEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import express from 'express';
import Fastify from 'fastify';
import { Container } from 'inversify';
import { Warmup } from '../../src/index.js';
import { probeRouter } from '../../src/adapters/express/index.js';
import preheat from '../../src/adapters/fastify/index.js';

// ?tag= filters the probes on every port preheat serves them on, not only preheat/http's own.
async function service(): Promise<Warmup> {
  const warmup = new Warmup(new Container()).register(
    { token: 'pg', load: () => ({}), health: { tags: ['db'] } },
    { token: 'search', load: () => Promise.reject(new Error('no index')), health: { tags: ['search'] } },
  );
  await warmup.boot().catch(() => undefined);
  return warmup;
}

describe('probe tag filters in the framework adapters', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('fastify: ?tag= judges only the tagged components; an unknown tag is a 400', async () => {
    const warmup = await service();
    const app = Fastify();
    await app.register(preheat, { warmup, probes: {} });
    cleanups.push(() => app.close());
    expect((await app.inject('/readyz')).statusCode).toBe(503);
    expect((await app.inject('/readyz?tag=db')).statusCode).toBe(200);
    expect((await app.inject('/readyz?tag=search')).statusCode).toBe(503);
    expect((await app.inject('/readyz?tag=nope')).statusCode).toBe(400);
  });

  it('express: ?tag= judges only the tagged components; an unknown tag is a 400', async () => {
    const warmup = await service();
    cleanups.push(() => warmup.shutdown());
    const app = express();
    app.use(probeRouter(warmup));
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as { port: number };
    const status = async (path: string): Promise<number> => (await fetch(`http://127.0.0.1:${port}${path}`)).status;
    expect(await status('/readyz')).toBe(503);
    expect(await status('/readyz?tag=db')).toBe(200);
    expect(await status('/readyz?tag=search')).toBe(503);
    expect(await status('/readyz?tag=nope')).toBe(400);
  });
});
