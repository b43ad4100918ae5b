import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { Container } from 'inversify';
import { filter, firstValueFrom } from 'rxjs';
import { Priority, Warmup, type Phase } from '../../src/index.js';
import { createProbeHandler, probeWarmup, startProbeServer } from '../../src/adapters/http/index.js';
import { deferred } from '../helpers/deferred.js';
import { closeServer, probe } from './probeClient.js';

const until = (warmup: Warmup, phase: Phase): Promise<Phase> => firstValueFrom(warmup.phase$.pipe(filter((p) => p === phase)));

describe('preheat/http', () => {
  let server: Server | undefined;
  let warmups: Warmup[] = [];

  afterEach(async () => {
    await closeServer(server);
    server = undefined;
    await Promise.all(warmups.map((w) => w.shutdown().catch(() => undefined)));
    warmups = [];
  });

  function track(warmup: Warmup): Warmup {
    warmups.push(warmup);
    return warmup;
  }

  describe('startProbeServer', () => {
    describe('having a boot that loads wave by wave', () => {
      it('should answer 503 before boot, /startupz 200 once CRITICAL is usable, /readyz 200 once every required component is', async () => {
        const db = deferred<string>();
        const warmup = track(
          new Warmup(new Container()).register(
            { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
            { token: 'db', priority: Priority.HIGH, load: () => db.promise },
          ),
        );
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });

        const before = await probe(server, '/readyz');
        expect(before.status).toBe(503);
        expect(before.body).toMatchObject({ status: 'fail', probe: 'readiness', phase: 'idle' });
        expect((await probe(server, '/startupz')).status).toBe(503);

        const booted = warmup.boot();
        await until(warmup, 'critical-ready');
        expect((await probe(server, '/startupz')).body).toMatchObject({ status: 'pass', phase: 'critical-ready' });
        const loading = await probe(server, '/readyz');
        expect(loading.status).toBe(503);
        expect(loading.body).toMatchObject({ waiting: ['db'], failed: [], reason: 'required components are still loading' });

        db.resolve('db');
        await booted;
        const ready = await probe(server, '/readyz');
        expect(ready.status).toBe(200);
        expect(ready.body).toEqual({ status: 'pass', probe: 'readiness', phase: 'ready', failed: [], waiting: [] });
        expect((await probe(server, '/livez')).status).toBe(200);
      });
    });

    describe('having a required component that fails', () => {
      it('should answer /readyz 503 with its name, and keep /livez 200', async () => {
        const warmup = track(
          new Warmup(new Container()).register(
            { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
            { token: 'payments', priority: Priority.HIGH, load: () => Promise.reject(new Error('no route to host')) },
            { token: 'recommendations', required: false, load: () => Promise.reject(new Error('optional')) },
          ),
        );
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
        await expect(warmup.boot()).rejects.toThrow();

        const answer = await probe(server, '/readyz');
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ status: 'fail', phase: 'failed', failed: ['payments'], reason: 'a required component failed' });
        expect(answer.text).not.toContain('recommendations');
        expect((await probe(server, '/startupz')).status).toBe(200);
        expect((await probe(server, '/livez')).status).toBe(200);
      });
    });

    describe('having a required CRITICAL component that fails', () => {
      it('should answer /startupz 503 with its name', async () => {
        const warmup = track(new Warmup(new Container()).register({ token: 'secrets', priority: Priority.CRITICAL, load: () => Promise.reject(new Error('denied')) }));
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
        await expect(warmup.boot()).rejects.toThrow();
        const answer = await probe(server, '/startupz');
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ failed: ['secrets'], reason: 'a required CRITICAL component failed' });
      });
    });

    describe('when shutdown() is called', () => {
      it('should answer /readyz 503 before any onShutdown hook runs', async () => {
        const seenByHook: unknown[] = [];
        const warmup = track(
          new Warmup(new Container()).register({
            token: 'db',
            load: () => ({ name: 'db' }),
            onShutdown: async () => {
              const answer = await probe(server!, '/readyz');
              seenByHook.push(answer.status, answer.body.phase, answer.body.reason);
            },
          }),
        );
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
        await warmup.boot();
        expect((await probe(server, '/readyz')).status).toBe(200);

        const report = await warmup.shutdown();
        expect(report.stopped).toEqual(['db']);
        expect(seenByHook).toEqual([503, 'stopping', 'the container is shutting down']);
        const after = await probe(server, '/readyz');
        expect(after.status).toBe(503);
        expect(after.body.phase).toBe('stopped');
        expect((await probe(server, '/livez')).status).toBe(200);
      });
    });

    describe('having the health monitor give up on a required component', () => {
      it('should answer /livez 503 naming it', async () => {
        let healthy = true;
        const warmup = track(new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthCheck: () => healthy }));
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
        await warmup.boot();
        expect((await probe(server, '/livez')).status).toBe(200);

        const monitor = warmup.monitor({ interval: 5, failureThreshold: 1, recoveryAttempts: 0 });
        healthy = false;
        while (warmup.unrecoverable.length === 0) await new Promise((r) => setTimeout(r, 5));
        monitor.stop();
        const answer = await probe(server, '/livez');
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ status: 'fail', probe: 'liveness', failed: ['db'] });
        expect((await probe(server, '/readyz')).body.failed).toEqual(['db']);
      });
    });

    describe('when the port is taken', () => {
      it('should reject', async () => {
        const warmup = track(new Warmup(new Container()));
        server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
        const { port } = server.address() as { port: number };
        await expect(startProbeServer(warmup, { port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
      });
    });
  });

  describe('createProbeHandler', () => {
    async function serve(warmup: Warmup, options?: Parameters<typeof createProbeHandler>[1]): Promise<Server> {
      const s = createServer(createProbeHandler(warmup, options));
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return s;
    }

    async function booted(...defs: Parameters<Warmup['register']>): Promise<Warmup> {
      const warmup = track(new Warmup(new Container()).register(...defs));
      await warmup.boot();
      return warmup;
    }

    describe('when called with ?verbose', () => {
      it('should list every component with its status, wave and error code, never the message', async () => {
        const warmup = track(
          new Warmup(new Container()).register(
            { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
            { token: 'cache', required: false, timeout: 20, load: () => new Promise(() => undefined) },
          ),
        );
        await warmup.boot();
        server = await serve(warmup);
        const answer = await probe(server, '/readyz?verbose');
        expect(answer.status).toBe(200);
        expect(answer.body.components).toEqual({
          config: { status: 'ready', required: true, wave: 'CRITICAL', attempts: 1 },
          cache: { status: 'failed', required: false, wave: 'MEDIUM', attempts: 1, errorCode: 'PREHEAT_TIMEOUT' },
        });
        expect((await probe(server, '/livez?verbose=1')).body.components).toBeDefined();
        expect((await probe(server, '/readyz?verbose=false')).body.components).toBeUndefined();
        expect((await probe(server, '/readyz')).body.components).toBeUndefined();
      });
    });

    describe('when called with HEAD', () => {
      it('should answer the status and headers without a body', async () => {
        server = await serve(await booted({ token: 'a', load: () => 1 }));
        const answer = await probe(server, '/readyz', 'HEAD');
        expect(answer.status).toBe(200);
        expect(answer.text).toBe('');
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(answer.headers['cache-control']).toBe('no-store');
      });
    });

    describe('when called on another path or with another method', () => {
      it('should answer 404 and 405', async () => {
        server = await serve(await booted({ token: 'a', load: () => 1 }));
        const missing = await probe(server, '/healthz');
        expect(missing.status).toBe(404);
        expect(missing.body.paths).toEqual(['/startupz', '/readyz', '/livez']);
        const post = await probe(server, '/readyz', 'POST');
        expect(post.status).toBe(405);
        expect(post.headers.allow).toBe('GET, HEAD');
      });
    });

    describe('having a prefix and custom paths', () => {
      it('should answer only there, with or without a trailing slash', async () => {
        server = await serve(await booted({ token: 'a', load: () => 1 }), { prefix: '/health/', paths: { liveness: 'alive' } });
        expect((await probe(server, '/health/readyz')).status).toBe(200);
        expect((await probe(server, '/health/readyz/')).status).toBe(200);
        expect((await probe(server, '/health/alive')).status).toBe(200);
        expect((await probe(server, '/readyz')).status).toBe(404);
        expect((await probe(server, '/health/livez')).status).toBe(404);
      });
    });

    describe('having a next function (Express, Connect)', () => {
      it('should pass paths it does not own to next', async () => {
        const handler = createProbeHandler(await booted({ token: 'a', load: () => 1 }));
        server = createServer((req, res) =>
          handler(req, res, () => {
            res.statusCode = 418;
            res.end('app');
          }),
        );
        await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
        expect((await probe(server, '/orders')).status).toBe(418);
        expect((await probe(server, '/readyz')).status).toBe(200);
      });
    });

    describe("having readiness: 'critical'", () => {
      it('should answer /readyz 200 once the required CRITICAL components are usable', async () => {
        const db = deferred<string>();
        const warmup = track(
          new Warmup(new Container()).register(
            { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
            { token: 'db', priority: Priority.LOW, load: () => db.promise },
          ),
        );
        server = await serve(warmup, { readiness: 'critical' });
        const booting = warmup.boot();
        await until(warmup, 'critical-ready');
        expect((await probe(server, '/readyz')).status).toBe(200);
        db.resolve('db');
        await booting;
      });
    });

    describe('having a readiness predicate', () => {
      it('should answer what the predicate says, but 503 while stopping whatever it says', async () => {
        const warmup = await booted({ token: 'a', load: () => 1 }, { token: 'b', required: false, load: () => Promise.reject(new Error('x')) });
        server = await serve(warmup, { readiness: ({ report }) => report.failedCount === 0 });
        const answer = await probe(server, '/readyz');
        expect(answer.status).toBe(503);
        expect(answer.body.reason).toBe('the readiness predicate returned false');

        const always = await serve(warmup, { readiness: () => true });
        try {
          expect((await probe(always, '/readyz')).status).toBe(200);
          await warmup.shutdown();
          expect((await probe(always, '/readyz')).status).toBe(503);
        } finally {
          await closeServer(always);
        }
      });
    });

    describe('having a report that throws', () => {
      it('should answer 500, never pass', async () => {
        const warmup = await booted({ token: 'a', load: () => 1 });
        warmup.report = () => {
          throw new Error('broken');
        };
        server = await serve(warmup);
        const answer = await probe(server, '/readyz');
        expect(answer.status).toBe(500);
        expect(answer.body).toMatchObject({ status: 'fail', error: 'broken' });
      });
    });
  });

  describe('probeWarmup', () => {
    describe('having a required DEFERRED component not loaded yet', () => {
      it('should not hold readiness back', async () => {
        const warmup = track(
          new Warmup(new Container()).register({ token: 'a', load: () => 1 }, { token: 'model', priority: Priority.DEFERRED, load: () => 'm' }),
        );
        await warmup.boot();
        expect(probeWarmup(warmup, 'readiness')).toEqual({ probe: 'readiness', ok: true, phase: 'ready', failed: [], waiting: [] });
      });
    });

    describe('having no component at all', () => {
      it('should pass every probe once booted', async () => {
        const warmup = track(new Warmup(new Container()));
        await warmup.boot();
        for (const kind of ['startup', 'readiness', 'liveness'] as const) expect(probeWarmup(warmup, kind).ok).toBe(true);
      });
    });
  });
});
