import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Container } from 'inversify';
import { filter } from 'rxjs';
import { ComponentStatus, InvalidOptionError, Priority, UnknownComponentError, Warmup } from '../../src/index.js';
import { listen, probeRouter, requireReady, shutdown, type GracefulServer } from '../../src/adapters/express/index.js';
import { deferred } from '../helpers/deferred.js';
import { failOnUnhandledRejections } from './unhandled.js';

class Db {
  orders(): string[] {
    return ['o-1'];
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const urlOf = (server: Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

failOnUnhandledRejections();

describe('preheat/express', () => {
  let cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.map((c) => c().catch(() => undefined)));
    cleanups = [];
  });

  /** An app on a real server (127.0.0.1:0) with a gated route, an open one and the probes at /health. */
  async function start(warmup: Warmup, options: { drainMs?: number } = {}): Promise<GracefulServer> {
    const app = express();
    app.use('/health', probeRouter(warmup));
    app.get('/orders', requireReady(warmup, Db), (_req, res) => void res.json(warmup.container.get(Db).orders()));
    app.get('/slow', requireReady(warmup, Db), (_req, res) => void sleep(200).then(() => res.json('slow done')));
    app.get('/open', (_req, res) => void res.send('open'));
    const running = await listen(app, { warmup, port: 0, host: '127.0.0.1', signals: [], ...options });
    cleanups.push(() => running.shutdown());
    return running;
  }

  function slowDb(): { warmup: Warmup; db: ReturnType<typeof deferred<Db>> } {
    const db = deferred<Db>();
    const warmup = new Warmup(new Container()).register(
      { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
      { token: Db, priority: Priority.HIGH, load: () => db.promise },
    );
    return { warmup, db };
  }

  describe('requireReady over real HTTP', () => {
    it('should answer 503 + Retry-After + the components not ready, then 200 once they are usable', async () => {
      const { warmup, db } = slowDb();
      const { server } = await start(warmup);
      const url = urlOf(server);

      const idle = await fetch(`${url}/orders`);
      expect(idle.status).toBe(503);
      expect(idle.headers.get('retry-after')).toBe('1');
      expect(await idle.json()).toEqual({ error: 'not ready', notReady: [{ component: 'Db', status: ComponentStatus.Pending, reason: 'not loaded yet' }] });
      expect((await fetch(`${url}/open`)).status).toBe(200);

      const booted = warmup.boot();
      await warmup.waitForCritical();
      expect(await (await fetch(`${url}/orders`)).json()).toMatchObject({ notReady: [{ component: 'Db', status: 'loading' }] });
      expect((await fetch(`${url}/health/readyz`)).status).toBe(503);

      db.resolve(new Db());
      await booted;
      const ready = await fetch(`${url}/orders`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('retry-after')).toBeNull();
      expect(await ready.json()).toEqual(['o-1']);
    });

    it('should name a required component that failed, with Retry-After 5, or what retryAfter says', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'payments', load: () => Promise.reject(new Error('no route to host')) });
      const app = express();
      app.get('/pay', requireReady(warmup, 'payments'), (_req, res) => void res.send('paid'));
      app.get('/pay2', requireReady({ warmup, requires: ['payments'], retryAfter: 30 }), (_req, res) => void res.send('paid'));
      const running = await listen(app, { warmup, port: 0, host: '127.0.0.1', signals: [] });
      cleanups.push(() => running.shutdown());
      await expect(warmup.boot()).rejects.toThrow();

      const answer = await fetch(`${urlOf(running.server)}/pay`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.json()).toEqual({ error: 'not ready', notReady: [{ component: 'payments', status: 'failed', reason: 'failed to load' }] });
      expect((await fetch(`${urlOf(running.server)}/pay2`)).headers.get('retry-after')).toBe('30');
    });

    it('should throw UnknownComponentError when the route is declared with an unknown token', () => {
      const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db() });
      expect(() => requireReady(warmup, 'dbb')).toThrow(UnknownComponentError);
    });
  });

  describe('probeRouter', () => {
    it('should answer the probes under its mount point, HEAD and ?verbose included', async () => {
      const { warmup, db } = slowDb();
      const { server } = await start(warmup);
      const url = urlOf(server);
      expect((await fetch(`${url}/health/startupz`)).status).toBe(503);
      expect((await fetch(`${url}/health/livez`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(404);

      db.resolve(new Db());
      await warmup.boot();
      const ready = await fetch(`${url}/health/readyz?verbose`);
      expect(ready.status).toBe(200);
      expect(ready.headers.get('cache-control')).toBe('no-store');
      expect(await ready.json()).toMatchObject({ status: 'pass', probe: 'readiness', components: { Db: { status: 'ready' } } });
      const head = await fetch(`${url}/health/readyz`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    });
  });

  describe('listen and shutdown', () => {
    it('should fail readiness first, keep serving through the drain, close the server (in-flight requests finish), then run the hooks', async () => {
      const events: string[] = [];
      const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db(), onShutdown: () => void events.push('hook') });
      await warmup.boot();
      const running = await start(warmup, { drainMs: 300 });
      const url = urlOf(running.server);
      warmup.phase$.pipe(filter((p) => p === 'stopping')).subscribe(() => void events.push('readiness fails'));
      running.server.on('close', () => void events.push('server closed'));

      const inFlight = fetch(`${url}/slow`).then(async (r) => (events.push('in-flight answered'), r.json()));
      await sleep(20);
      const stopped = running.shutdown();
      expect(events).toEqual(['readiness fails']);
      // The drain: readiness says 503, and requests are still served.
      expect((await fetch(`${url}/health/readyz`)).status).toBe(503);
      expect((await fetch(`${url}/orders`)).status).toBe(200);
      const report = await stopped;

      expect(await inFlight).toBe('slow done');
      expect(events).toEqual(['readiness fails', 'in-flight answered', 'server closed', 'hook']);
      expect(report.failed).toEqual([]);
      expect(running.server.listening).toBe(false);
      expect(running.shutdown()).toBe(stopped); // one run
    });

    it('should stop a server it did not create with shutdown(server, warmup)', async () => {
      const events: string[] = [];
      const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db(), onShutdown: () => void events.push('hook') });
      await warmup.boot();
      const server = express().listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      server.on('close', () => void events.push('server closed'));
      await shutdown(server, warmup, { drainMs: 10 });
      expect(events).toEqual(['server closed', 'hook']);
    });

    it('should reject when the port is taken, and throw for a missing warmup', async () => {
      const warmup = new Warmup(new Container());
      const first = await listen(express(), { warmup, port: 0, host: '127.0.0.1', signals: [] });
      cleanups.push(() => first.shutdown());
      await expect(listen(express(), { warmup, port: first.port, host: '127.0.0.1', signals: [] })).rejects.toThrow(/EADDRINUSE/);
      // @ts-expect-error -- a JavaScript caller forgets the warmup
      expect(() => listen(express(), { port: 0 })).toThrow(InvalidOptionError);
    });
  });
});
