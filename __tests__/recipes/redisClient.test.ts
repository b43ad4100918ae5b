import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import type { Redis } from 'ioredis';
import { BootCancelledError, BootError, ErrorCode, Warmup, type ComponentDefinition } from 'preheat';
import { redisClient } from '../../examples/recipes/redisClient.js';
import { activeResources, eventually, freePort, nextEvent } from './eventually.js';
import { FakeRedis } from './fakeRedis.js';

// The recipe against the real ioredis client and a RESP server on loopback (fakeRedis.ts); no mock
// of ioredis. Real time throughout.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function redisServer(port?: number): Promise<FakeRedis> {
  const fake = await FakeRedis.start(port);
  cleanups.push(() => fake.kill());
  return fake;
}

function warmupWith(definition: ComponentDefinition<Redis>): { warmup: Warmup; container: Container } {
  const container = new Container();
  const warmup = new Warmup(container).register(definition);
  cleanups.push(() => warmup.shutdown());
  return { warmup, container };
}

/** Client sockets a test starts with: what must be left once the client is gone. */
function socketsNow(): () => boolean {
  const sockets = activeResources('TCPSocketWrap');
  return () => activeResources('TCPSocketWrap') <= sockets;
}

// ioredis's disconnect() on a connection that is already closed (refused, or the server died) still
// arms a 2 s timer (disconnectTimeout) to destroy it; shorter here so jest exits on time.
const refused = { disconnectTimeout: 100 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('redisClient (recipe)', () => {
  describe('having a server that answers', () => {
    it('boots once the server is ready, serves the client from container.get, and QUITs at shutdown', async () => {
      const server = await redisServer();
      const { warmup, container } = warmupWith(redisClient(server.url));

      const report = await warmup.boot();

      expect(report.components.cache?.status).toBe('ready');
      // HELLO refused (a RESP2 server), the handshake again on RESP2, the ready check, the health check
      expect(server.names).toEqual(['HELLO', 'CLIENT', 'CLIENT', 'CLIENT', 'CLIENT', 'INFO', 'PING']);
      const client = container.get<Redis>('cache');
      expect(client.status).toBe('ready');
      expect(await client.ping()).toBe('PONG');

      await warmup.shutdown();
      expect(server.names.at(-1)).toBe('QUIT');
      await eventually(() => client.status === 'end', 'the client ended');
      await eventually(() => server.openSockets === 0, 'the client closed its connection');
    });
  });

  describe('having a server that accepts connections but never answers', () => {
    it('times the attempt out and disconnects: no socket left, no reconnect', async () => {
      const server = await redisServer();
      server.silent = true;
      const clean = socketsNow();
      const { warmup } = warmupWith({ ...redisClient(server.url), timeout: 200, retries: 0 });

      const failed = await warmup.boot().then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failed).toBeInstanceOf(BootError);
      expect((failed as BootError).report.components.cache?.errorCode).toBe(ErrorCode.Timeout);
      await eventually(() => server.openSockets === 0, 'the server saw the connection close', 1_000);
      await eventually(clean, 'no client socket left', 1_000);
      await sleep(300); // the recipe's retryStrategy would have reconnected by now
      expect(server.connections).toBe(1);
    });

    it('a shutdown during the boot aborts the attempt: boot() rejects with BootCancelledError and the client is disconnected', async () => {
      const server = await redisServer();
      server.silent = true;
      const { warmup } = warmupWith(redisClient(server.url));
      const booting = warmup.boot();
      await eventually(() => server.openSockets === 1, 'the attempt connected');

      await warmup.shutdown();

      await expect(booting).rejects.toBeInstanceOf(BootCancelledError);
      await eventually(() => server.openSockets === 0, 'the aborted attempt closed its socket', 1_000);
    });
  });

  describe('having no server yet', () => {
    it('a failed attempt stops the client reconnecting: preheat does the retrying, one client at a time', async () => {
      const port = await freePort();
      const errors: Error[] = [];
      const { warmup } = warmupWith({ ...redisClient(`redis://127.0.0.1:${port}`, { onError: (e) => errors.push(e), redis: refused }), timeout: 500, retries: 0 });

      await expect(warmup.boot()).rejects.toBeInstanceOf(BootError);
      expect(errors).toHaveLength(1); // ECONNREFUSED
      await sleep(400); // without the disconnect, ioredis would retry on its own timer (retryStrategy)
      expect(errors).toHaveLength(1);
    });

    it('boots when the server starts late, on a later attempt', async () => {
      const port = await freePort();
      const { warmup } = warmupWith({
        ...redisClient(`redis://127.0.0.1:${port}`, { onError: () => undefined, redis: refused }),
        timeout: 1_000,
        retries: 10,
        backoff: { delay: 50, factor: 1 },
      });
      const late = new Promise<FakeRedis>((resolve) => setTimeout(() => resolve(redisServer(port)), 300));

      const report = await warmup.boot();
      const server = await late;

      const history = report.components.cache?.attemptHistory.map((a) => a.outcome) ?? [];
      expect(history.length).toBeGreaterThan(1);
      expect(history.at(-1)).toBe('ready');
      expect(server.openSockets).toBe(1); // the failed attempts' clients are gone
    });
  });

  describe('having a server that dies after the boot', () => {
    it('sends the errors to onError instead of stderr, the health check fails, and shutdown still ends the client', async () => {
      const server = await redisServer();
      const errors: Error[] = [];
      const stderr = jest.spyOn(console, 'error');
      cleanups.push(async () => stderr.mockRestore());
      const { warmup, container } = warmupWith({ ...redisClient(server.url, { onError: (error) => errors.push(error), redis: refused }), healthTimeout: 3_000 });
      await warmup.boot();
      const client = container.get<Redis>('cache');
      const clean = socketsNow();

      await server.kill();

      const unhealthy = nextEvent(warmup.events$, (e) => e.type === 'health');
      warmup.monitor({ interval: 20, failureThreshold: 1 });
      const check = await unhealthy;
      expect(check.healthy).toBe(false);
      // maxRetriesPerRequest: 1 — the PING fails after the reconnects, well before healthTimeout
      expect(check.error?.message).toMatch(/max retries per request/i);
      expect(errors.some((e) => /ECONNREFUSED/.test(e.message))).toBe(true);
      expect(stderr).not.toHaveBeenCalled();

      const request = client.get('greeting'); // a request caught by the outage, queued when SIGTERM comes
      await warmup.shutdown();
      await expect(request).rejects.toThrow();
      const reconnects = errors.length;
      await sleep(400);
      expect(errors).toHaveLength(reconnects); // the reconnect loop stopped with the shutdown
      await eventually(clean, 'no client socket left', 1_000);
      expect(client.status).not.toBe('ready');
    });
  });

  // A reviewer with a real Redis: REDIS_URL=redis://localhost:6379 npm test
  (process.env.REDIS_URL === undefined ? describe.skip : describe)('against the real server in REDIS_URL', () => {
    it('boots, answers, passes its health check and QUITs at shutdown', async () => {
      const { warmup, container } = warmupWith(redisClient(process.env.REDIS_URL ?? ''));
      await warmup.boot();
      const client = container.get<Redis>('cache');
      expect(await client.ping()).toBe('PONG');
      const check = nextEvent(warmup.events$, (e) => e.type === 'health');
      warmup.monitor({ interval: 20 });
      expect((await check).healthy).toBe(true);
      await warmup.shutdown();
      expect(client.status).toBe('end');
    });
  });
});
