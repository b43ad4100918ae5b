import { afterEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { Container } from 'inversify';
import { Priority, Warmup } from '../../src/index.js';
import { probeWarmup, startProbeServer } from '../../src/adapters/http/index.js';
import { deferred } from '../helpers/deferred.js';
import { closeServer, probe } from './probeClient.js';

/** Real time: polls until `condition` holds (generous limit: 2 noisy cores). */
async function until(condition: () => boolean, limitMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('preheat/http and the health model', () => {
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

  /** pg (db, core) and redis (db) are fine; search (search) failed; api has no tag. */
  async function service(): Promise<Warmup> {
    const warmup = track(
      new Warmup(new Container()).register(
        { token: 'pg', load: () => ({}), healthCheck: () => 0.9, health: { tags: ['db', 'core'] } },
        { token: 'redis', load: () => ({}), healthCheck: () => ({ score: 1, detail: 'PONG' }), health: { tags: ['db'] } },
        { token: 'search', load: () => Promise.reject(new Error('no index')), health: { tags: ['search'] } },
        { token: 'api', priority: Priority.LOW, load: () => ({}) },
      ),
    );
    await warmup.boot().catch(() => undefined);
    server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
    return warmup;
  }

  describe('having ?tag=', () => {
    it('should judge only the components carrying that tag', async () => {
      await service();
      expect((await probe(server!, '/readyz')).status).toBe(503);
      const db = await probe(server!, '/readyz?tag=db');
      expect(db.status).toBe(200);
      expect(db.body).toEqual({ status: 'pass', probe: 'readiness', phase: 'failed', failed: [], waiting: [], tags: ['db'] });
      const search = await probe(server!, '/readyz?tag=search');
      expect(search.status).toBe(503);
      expect(search.body).toMatchObject({ failed: ['search'], reason: 'a required component failed' });
    });

    it('should take repeated tags as all of them, and list only those components with ?verbose', async () => {
      await service();
      const answer = await probe(server!, '/readyz?tag=db&tag=core&verbose');
      expect(answer.status).toBe(200);
      expect(answer.body.tags).toEqual(['db', 'core']);
      expect(answer.body.components).toEqual({
        pg: { status: 'ready', required: true, wave: 'MEDIUM', attempts: 1, score: 0.9, mode: 'normal', tags: ['db', 'core'] },
      });
    });

    it('should filter /startupz and /livez too', async () => {
      await service();
      expect((await probe(server!, '/startupz?tag=db')).status).toBe(200);
      expect((await probe(server!, '/livez?tag=search')).status).toBe(200);
    });

    it('should answer 400 for a tag no component carries (a typo must not pass)', async () => {
      await service();
      const answer = await probe(server!, '/readyz?tag=dbb');
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 'fail', probe: 'readiness' });
      expect(answer.body.error).toContain('"dbb"');
    });
  });

  describe('having a health check that hangs', () => {
    it('should answer at once from the cached result, while the check still runs', async () => {
      let hang = false;
      const gate = deferred<boolean>();
      const warmup = track(new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthTimeout: 60_000, healthCheck: () => (hang ? gate.promise : true) }));
      await warmup.boot();
      server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
      hang = true;
      warmup.monitor({ interval: 10 });
      await until(() => warmup.health().components.db!.checking);
      const answer = await probe(server, '/readyz?verbose');
      expect(answer.status).toBe(200);
      expect(answer.body.components!.db).toMatchObject({ status: 'ready', score: 1, mode: 'full' });
      expect(warmup.health().components.db!.checking).toBe(true); // still hanging: nobody waited on it
      gate.resolve(true);
    });
  });

  describe('having a stale result', () => {
    it('should list it in `stale` without failing readiness', async () => {
      let healthy = true;
      const warmup = track(
        new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthTimeout: 10, healthCheck: () => healthy, health: { period: 20 } }),
      );
      await warmup.boot();
      server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
      healthy = false;
      // One failed check degrades it and a recovery backs off for a minute: no checks meanwhile,
      // so its result ages past 2 × 20 + 10 ms.
      warmup.monitor({ interval: 20, failureThreshold: 1, backoff: { delay: 60_000 } });
      await until(() => warmup.health().components.db!.stale);
      const answer = await probe(server, '/readyz');
      expect(answer.status).toBe(200); // Degraded counts as ready by default
      expect(answer.body.stale).toEqual(['db']);
      expect(probeWarmup(warmup, 'readiness', { degraded: 'not-ready' })).toMatchObject({ ok: false, degraded: ['db'], stale: ['db'] });
    });
  });
});
