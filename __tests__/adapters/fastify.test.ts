import { afterEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import underPressure from '@fastify/under-pressure';
import { Container } from 'inversify';
import { filter, firstValueFrom } from 'rxjs';
import { BootError, ComponentStatus, InvalidOptionError, Priority, UnknownComponentError, Warmup, type Phase } from '../../src/index.js';
import preheat, { healthCheck, readinessHook } from '../../src/adapters/fastify/index.js';
import { deferred } from '../helpers/deferred.js';
import { failOnUnhandledRejections } from './unhandled.js';

class Db {
  orders(): string[] {
    return ['o-1'];
  }
}

const until = (warmup: Warmup, phase: Phase): Promise<Phase> => firstValueFrom(warmup.phase$.pipe(filter((p) => p === phase)));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

failOnUnhandledRejections();

describe('preheat/fastify', () => {
  let apps: FastifyInstance[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close().catch(() => undefined)));
    apps = [];
  });
  const app = (options: FastifyHttpOptions<Server> = {}): FastifyInstance => {
    const created = Fastify(options);
    apps.push(created);
    return created;
  };

  /** A Db that loads when `db.resolve` is called, and a cache ready at once. */
  function slowDb(): { warmup: Warmup; db: ReturnType<typeof deferred<Db>> } {
    const db = deferred<Db>();
    const warmup = new Warmup(new Container()).register(
      { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
      { token: Db, priority: Priority.HIGH, load: () => db.promise },
      { token: 'cache', priority: Priority.HIGH, load: () => new Map() },
    );
    return { warmup, db };
  }

  describe("having a route with config.requires and ready: 'none' (inject)", () => {
    it('should answer 503 + Retry-After + the components not ready until they are usable, then 200', async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none' });
      fastify.get('/orders', { config: { requires: [Db, 'cache'] } }, async () => fastify.container.get(Db).orders());
      fastify.get('/open', async () => 'open');
      await fastify.ready();

      const before = await fastify.inject('/orders');
      expect(before.statusCode).toBe(503);
      expect(before.headers['retry-after']).toBe('1');
      expect(before.headers['content-type']).toMatch(/^application\/json/);
      // 'cache' loads synchronously once the boot starts (when the plugin loaded): only Db is listed.
      expect(before.json()).toEqual({ error: 'not ready', notReady: [{ component: 'Db', status: 'loading', reason: 'still loading' }] });
      expect((await fastify.inject('/open')).statusCode).toBe(200);


      db.resolve(new Db());
      await warmup.boot();
      const after = await fastify.inject('/orders');
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual(['o-1']);
      expect(after.headers['retry-after']).toBeUndefined();
    });

    it("should run the gate before the route's own onRequest hooks", async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none' });
      const ran: string[] = [];
      fastify.get('/orders', { config: { requires: [Db] }, onRequest: [async () => void ran.push('own')] }, async () => 'ok');
      expect((await fastify.inject('/orders')).statusCode).toBe(503);
      expect(ran).toEqual([]);
      db.resolve(new Db());
      await warmup.boot();
      expect((await fastify.inject('/orders')).statusCode).toBe(200);
      expect(ran).toEqual(['own']);
    });
  });

  describe('having a required component that fails', () => {
    it('should answer 503 naming it as failed with Retry-After 5, log the boot failure, and not reject ready()', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
        { token: 'payments', load: () => Promise.reject(new Error('no route to host')) },
      );
      const logged: string[] = [];
      const fastify = app({ logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } } });
      await fastify.register(preheat, { warmup });
      fastify.get('/pay', { config: { requires: ['payments'] } }, async () => 'paid');
      await fastify.ready();
      await until(warmup, 'failed');

      const answer = await fastify.inject('/pay');
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.json()).toEqual({ error: 'not ready', notReady: [{ component: 'payments', status: ComponentStatus.Failed, reason: 'failed to load' }] });
      expect(logged.join('')).toContain('preheat: the boot failed');
    });

    it("should make ready() reject with the BootError under ready: 'all'", async () => {
      const warmup = new Warmup(new Container()).register({ token: 'payments', load: () => Promise.reject(new Error('down')) });
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'all' });
      await expect(fastify.ready()).rejects.toBeInstanceOf(BootError);
    });

    it("should make ready() reject under ready: 'critical' when a CRITICAL one fails", async () => {
      const warmup = new Warmup(new Container()).register({ token: 'config', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('bad config')) });
      const fastify = app();
      await fastify.register(preheat, { warmup });
      await expect(fastify.ready()).rejects.toThrow();
    });
  });

  describe('having a boot longer than pluginTimeout', () => {
    const slow = (): Warmup =>
      new Warmup(new Container()).register(
        { token: 'config', priority: Priority.CRITICAL, load: () => sleep(20).then(() => ({})) },
        { token: 'model', priority: Priority.LOW, load: () => sleep(400).then(() => ({})) },
      );

    it("should resolve ready() at once under ready: 'none', the plugins after it loading meanwhile", async () => {
      const warmup = slow();
      const fastify = app({ pluginTimeout: 100 });
      await fastify.register(preheat, { warmup, ready: 'none' });
      let next = false;
      await fastify.register(async () => void (next = warmup.getStatus('config') === ComponentStatus.Loading));
      await fastify.ready();
      expect(next).toBe(true);
      expect(warmup.getStatus('model')).not.toBe(ComponentStatus.Ready);
    });

    it("should resolve ready() once CRITICAL is usable under ready: 'critical' (the default), the LOW wave still loading", async () => {
      const warmup = slow();
      const fastify = app({ pluginTimeout: 100 });
      await fastify.register(preheat, { warmup });
      await fastify.ready();
      expect(warmup.acceptingRequests).toBe(true);
      expect(warmup.getStatus('model')).toBe(ComponentStatus.Loading);
    });

    it("should wait for everything under ready: 'all', and a wait longer than pluginTimeout should name the preheat hook", async () => {
      const fastify = app({ pluginTimeout: 1_000 });
      const warmup = slow();
      await fastify.register(preheat, { warmup, ready: 'all' });
      await fastify.ready();
      expect(warmup.phase).toBe('ready');

      const short = app({ pluginTimeout: 100 });
      await short.register(preheat, { warmup: slow(), ready: 'all' });
      await expect(short.ready()).rejects.toThrow(/onReady' hook "preheatReady" timed out/);
    });
  });

  describe('decorations', () => {
    it('should give the app and handlers the warmup and the container', async () => {
      const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db() });
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'all' });
      fastify.get('/x', async (request) => ({ same: request.server.container === warmup.container, orders: request.server.container.get(Db).orders() }));
      expect(fastify.warmup).toBe(warmup);
      expect(fastify.container).toBe(warmup.container);
      expect((await fastify.inject('/x')).json()).toEqual({ same: true, orders: ['o-1'] });
    });

    it("should not boot with boot: false, and let ready: 'all' start it", async () => {
      const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db() });
      const fastify = app();
      await fastify.register(preheat, { warmup, boot: false, ready: 'none' });
      expect(warmup.phase).toBe('idle');
      const other = app();
      await other.register(preheat, { warmup, boot: false, ready: 'all' });
      await other.ready();
      expect(warmup.phase).toBe('ready');
    });
  });

  describe('having bad options or an unknown token in requires', () => {
    it('should throw UnknownComponentError when the route is declared', async () => {
      const fastify = app();
      await fastify.register(preheat, { warmup: new Warmup(new Container()).register({ token: Db, load: () => new Db() }) });
      expect(() => fastify.get('/x', { config: { requires: ['dbb'] } }, async () => 'x')).toThrow(UnknownComponentError);
    });

    it('should reject the registration with InvalidOptionError', async () => {
      // @ts-expect-error -- a JavaScript caller forgets the warmup
      await expect(app().register(preheat, {})).rejects.toBeInstanceOf(InvalidOptionError);
      // @ts-expect-error -- a typo
      await expect(app().register(preheat, { warmup: new Warmup(new Container()), ready: 'critcal' })).rejects.toThrow(/ready/);
      await expect(app().register(preheat, { warmup: new Warmup(new Container()), drainMs: -1 })).rejects.toThrow(/drainMs/);
    });
  });

  describe('readinessHook on an encapsulated context', () => {
    it('should gate every route of that context only', async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none' });
      await fastify.register(async (orders) => {
        orders.addHook('onRequest', readinessHook(warmup, [Db]));
        orders.get('/orders', async () => 'orders');
      });
      fastify.get('/open', async () => 'open');
      expect((await fastify.inject('/orders')).statusCode).toBe(503);
      expect((await fastify.inject('/open')).statusCode).toBe(200);
      db.resolve(new Db());
      await warmup.boot();
      expect((await fastify.inject('/orders')).statusCode).toBe(200);
    });
  });

  describe('probes', () => {
    it('should mount /startupz /readyz /livez under the prefix, answering as preheat/http does', async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none', probes: { prefix: '/health' } });
      await fastify.ready();

      const loading = await fastify.inject('/health/readyz');
      expect(loading.statusCode).toBe(503);
      expect(loading.headers['cache-control']).toBe('no-store');
      expect(loading.json()).toMatchObject({ status: 'fail', probe: 'readiness' });
      expect((await fastify.inject('/health/livez')).statusCode).toBe(200);
      expect((await fastify.inject('/readyz')).statusCode).toBe(404);

      db.resolve(new Db());
      await warmup.boot();
      expect((await fastify.inject('/health/startupz')).statusCode).toBe(200);
      const ready = await fastify.inject('/health/readyz?verbose');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'pass', components: { Db: { status: 'ready' } } });
      const head = await fastify.inject({ method: 'HEAD', url: '/health/readyz' });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
    });
  });

  describe('healthCheck for @fastify/under-pressure', () => {
    it("should make under-pressure's status route 503 until ready and 200 after", async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none' });
      await fastify.register(underPressure, { healthCheck: healthCheck(warmup), healthCheckInterval: 20, exposeStatusRoute: '/status' });
      fastify.get('/open', async () => 'open');
      expect((await fastify.inject('/status')).statusCode).toBe(503);
      expect((await fastify.inject('/open')).statusCode).toBe(503); // under-pressure gates every route
      db.resolve(new Db());
      await warmup.boot();
      await sleep(100); // its next round of checks
      expect((await fastify.inject('/status')).statusCode).toBe(200);
      expect((await fastify.inject('/open')).statusCode).toBe(200);
      await expect(healthCheck(warmup, { probe: 'liveness' })()).resolves.toBe(true);
    });
  });

  describe('having a real server on 127.0.0.1:0', () => {
    it('should answer 503 + Retry-After before readiness and 200 after, over HTTP', async () => {
      const { warmup, db } = slowDb();
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'none', probes: true });
      fastify.get('/orders', { config: { requires: [Db] } }, async () => fastify.container.get(Db).orders());
      const url = await fastify.listen({ port: 0, host: '127.0.0.1' });

      const before = await fetch(`${url}/orders`);
      expect(before.status).toBe(503);
      expect(before.headers.get('retry-after')).toBe('1');
      expect(await before.json()).toMatchObject({ error: 'not ready', notReady: [{ component: 'Db' }] });
      expect((await fetch(`${url}/readyz`)).status).toBe(503);

      db.resolve(new Db());
      await warmup.boot();
      const after = await fetch(`${url}/orders`);
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual(['o-1']);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    });

    it('should close in order: readiness fails, the drain, the server closes, then the hooks run', async () => {
      const events: string[] = [];
      const warmup = new Warmup(new Container()).register({
        token: Db,
        load: () => new Db(),
        onShutdown: () => void events.push(`hook (phase ${warmup.phase})`),
      });
      const fastify = app();
      await fastify.register(preheat, { warmup, drainMs: 150, probes: true });
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      await warmup.boot();
      let stoppingAt = 0;
      warmup.phase$.pipe(filter((p) => p === 'stopping')).subscribe(() => ((stoppingAt = Date.now()), events.push('readiness fails')));
      fastify.server.on('close', () => void events.push(`server closed after ${Date.now() - stoppingAt >= 140 ? 'the drain' : 'no drain'}`));

      await fastify.close();
      expect(events).toEqual(['readiness fails', 'server closed after the drain', 'hook (phase stopping)']);
      expect(warmup.phase).toBe('stopped');
    });

    it.each(['none', 'all'] as const)('should shut the boot down when closed before ready() (ready: %s), quietly and with no unhandled rejection', async (ready) => {
      const warmup = new Warmup(new Container()).register({ token: 'slow', load: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) });
      const logged: string[] = [];
      const fastify = app({ logger: { level: 'error', stream: { write: (line: string) => void logged.push(line) } } });
      await fastify.register(preheat, { warmup, ready });
      await fastify.close();
      expect(warmup.phase).toBe('stopped');
      await sleep(20); // the cancelled boot's rejection: handled by the plugin, or failOnUnhandledRejections sees it
      expect(logged).toEqual([]);
    });

    it("should leave no unhandled rejection when a failing boot under ready: 'all' is never made ready", async () => {
      const warmup = new Warmup(new Container()).register({ token: 'payments', load: () => Promise.reject(new Error('down')) });
      const fastify = app();
      await fastify.register(preheat, { warmup, ready: 'all' });
      await until(warmup, 'failed'); // not warmup.boot(): that would hand this test the very promise to handle
      await sleep(20); // failOnUnhandledRejections (afterAll) would see it
    });
  });
});
