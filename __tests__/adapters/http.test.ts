import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { Container } from 'inversify';
import { filter, firstValueFrom } from 'rxjs';
import { InvalidOptionError, Priority, Warmup, type Phase } from '../../src/index.js';
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

    describe('having a bad degraded policy', () => {
      it('should throw at the call, before anything listens', () => {
        const warmup = track(new Warmup(new Container()));
        // A typo'd policy from an untyped config file.
        const options = { port: 0, host: '127.0.0.1', degraded: 'sometimes' } as unknown as Parameters<typeof startProbeServer>[1];
        expect(() => startProbeServer(warmup, options)).toThrow(/degraded/);
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

    describe("having degraded: 'not-ready'", () => {
      /** config (CRITICAL) and db (HIGH) are required and come up Degraded; so does the optional cache. */
      async function degradedAtBoot(): Promise<Warmup> {
        return booted(
          { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
          { token: 'db', priority: Priority.HIGH, load: () => ({}), healthCheck: () => false },
          { token: 'cache', required: false, load: () => ({}), healthCheck: () => false },
        );
      }

      it('should answer /readyz 503 naming the degraded component, and ?verbose should say why', async () => {
        const warmup = await degradedAtBoot();
        server = await serve(warmup, { degraded: 'not-ready' });
        const answer = await probe(server, '/readyz?verbose');
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ status: 'fail', phase: 'ready', failed: [], waiting: [], degraded: ['db'], reason: 'a required component is degraded' });
        expect(answer.body.components?.db).toEqual({ status: 'degraded', required: true, wave: 'HIGH', attempts: 1, errorCode: 'PREHEAT_UNHEALTHY', score: 0, mode: 'offline' });
        expect(answer.text).not.toContain('health check answered false'); // the message stays out
      });

      it('should leave /startupz and /livez alone, and the default should still count Degraded as ready', async () => {
        const warmup = await degradedAtBoot();
        server = await serve(warmup, { degraded: 'not-ready' });
        expect((await probe(server, '/startupz')).status).toBe(200);
        expect((await probe(server, '/livez')).status).toBe(200);
        const lenient = await serve(warmup);
        try {
          const answer = await probe(lenient, '/readyz');
          expect(answer.status).toBe(200);
          expect(answer.body.degraded).toBeUndefined();
        } finally {
          await closeServer(lenient);
        }
      });

      it('should take the pod out when the health monitor degrades a component after the boot', async () => {
        let healthy = true;
        const warmup = await booted({ token: 'db', load: () => ({}), healthCheck: () => healthy });
        server = await serve(warmup, { degraded: 'not-ready' });
        expect((await probe(server, '/readyz')).status).toBe(200);

        const degraded = firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'status' && e.status === 'degraded')));
        // A recovery a minute away: db stays Degraded while we look.
        const monitor = warmup.monitor({ interval: 5, failureThreshold: 1, backoff: { delay: 60_000 } });
        healthy = false;
        await degraded;
        monitor.stop();
        const answer = await probe(server, '/readyz');
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ degraded: ['db'], reason: 'a required component is degraded' });
      });
    });

    describe('having degraded: a list of tokens and names', () => {
      class Db {}
      const search = Symbol('search');

      it('should fail /readyz only for the listed components that are Degraded', async () => {
        const warmup = await booted(
          { token: 'config', load: () => 'c' },
          { token: Db, load: () => new Db(), healthCheck: () => false },
          { token: 'cache', load: () => ({}), healthCheck: () => false },
          { token: search, load: () => ({}), healthCheck: () => false },
        );
        server = await serve(warmup, { degraded: [Db, search] });
        const answer = await probe(server, '/readyz');
        expect(answer.status).toBe(503);
        expect(answer.body.degraded).toEqual(['Db', 'search']);

        const byName = await serve(warmup, { degraded: ['config', 'cache'] });
        const ready = await serve(warmup, { degraded: ['config'] }); // config is Ready: nothing to hold back
        try {
          expect((await probe(byName, '/readyz')).body.degraded).toEqual(['cache']);
          expect((await probe(ready, '/readyz')).status).toBe(200);
        } finally {
          await Promise.all([closeServer(byName), closeServer(ready)]);
        }
      });

      it('should answer 500 for an entry that names no component, or a token whose component has a name of its own', async () => {
        const warmup = await booted({ token: 'db-token', name: 'database', load: () => ({}) });
        server = await serve(warmup, { degraded: ['nope'] });
        const unknown = await probe(server, '/readyz');
        expect(unknown.status).toBe(500);
        expect(unknown.body.error).toContain("No component 'nope' is registered");

        const renamed = await serve(warmup, { degraded: ['db-token'] });
        const byItsName = await serve(warmup, { degraded: ['database'] });
        try {
          const answer = await probe(renamed, '/readyz');
          expect(answer.status).toBe(500);
          expect(answer.body.error).toContain("Option 'degraded' of 'probeWarmup' must list components by the name they are registered under");
          expect((await probe(byItsName, '/readyz')).status).toBe(200);
        } finally {
          await Promise.all([closeServer(renamed), closeServer(byItsName)]);
        }
      });
    });

    describe('having a degraded option that is not one', () => {
      it('should throw InvalidOptionError when the handler is created, not on the first probe', async () => {
        const warmup = await booted({ token: 'a', load: () => 1 });
        expect(() => createProbeHandler(warmup, { degraded: 'notready' as never })).toThrow(InvalidOptionError);
        expect(() => probeWarmup(warmup, 'readiness', { degraded: true as never })).toThrow(/Option 'degraded' of 'probeWarmup' must be 'ready', 'not-ready' or a list/);
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

    describe("having degraded: 'not-ready' with readiness: 'critical' or a predicate", () => {
      it('should count only the CRITICAL wave, and leave a predicate to decide alone', async () => {
        const warmup = track(
          new Warmup(new Container()).register(
            { token: 'config', priority: Priority.CRITICAL, load: () => 'c' },
            { token: 'db', priority: Priority.LOW, load: () => ({}), healthCheck: () => false },
          ),
        );
        await warmup.boot();
        expect(probeWarmup(warmup, 'readiness', { degraded: 'not-ready' })).toMatchObject({ ok: false, degraded: ['db'] });
        expect(probeWarmup(warmup, 'readiness', { degraded: 'not-ready', readiness: 'critical' })).toEqual({ probe: 'readiness', ok: true, phase: 'ready', failed: [], waiting: [] });
        expect(probeWarmup(warmup, 'readiness', { degraded: 'not-ready', readiness: () => true }).ok).toBe(true);
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
