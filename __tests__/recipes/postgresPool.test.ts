import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { Container } from 'inversify';
import type { Pool } from 'pg';
import { BootCancelledError, BootError, ErrorCode, Warmup, type ComponentDefinition } from 'preheat';
import { postgresPool } from '../../examples/recipes/postgresPool.js';
import { activeResources, eventually, freePort, nextEvent } from './eventually.js';
import { FakePostgres } from './fakePostgres.js';

// The recipe against the real `pg` driver and a PostgreSQL server on loopback that speaks the
// wire protocol (fakePostgres.ts); no mock of pg. Real time throughout: sockets close in real time.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function database(port?: number): Promise<FakePostgres> {
  const fake = await FakePostgres.start(port);
  cleanups.push(() => fake.kill());
  return fake;
}

function warmupWith(definition: ComponentDefinition<Pool>): { warmup: Warmup; container: Container } {
  const container = new Container();
  const warmup = new Warmup(container).register(definition);
  cleanups.push(() => warmup.shutdown());
  return { warmup, container };
}

const config = (port: number) => ({ host: '127.0.0.1', port, user: 'app', database: 'app' });
// pg's own connect timeout out of the way: only the recipe's abort can close a hung connection.
const patient = (port: number) => ({ ...config(port), connectionTimeoutMillis: 60_000 });

describe('postgresPool (recipe)', () => {
  describe('having a database that answers', () => {
    it('boots once select 1 answered, serves the pool from container.get, and ends it at shutdown', async () => {
      const db = await database();
      const { warmup, container } = warmupWith(postgresPool(config(db.port)));

      const report = await warmup.boot();

      expect(report.components.db?.status).toBe('ready');
      expect(db.queries).toEqual(['select 1', 'select 1']); // the load's, then the boot's health check
      const pool = container.get<Pool>('db');
      expect((await pool.query('select 1')).rows).toEqual([{ '?column?': 1 }]);

      const stopped = await warmup.shutdown();
      expect(stopped.stopped).toEqual(['db']);
      expect(pool.ended).toBe(true);
      await eventually(() => db.openSockets === 0, 'the pool closed its connection');
    });
  });

  describe('having a database that accepts connections but never answers', () => {
    it('times the attempt out, closes the socket the attempt was stuck on, and leaves no handle behind', async () => {
      const db = await database();
      db.silent = true;
      const sockets = activeResources('TCPSocketWrap');
      const { warmup } = warmupWith({ ...postgresPool(patient(db.port)), timeout: 200, retries: 0 });

      const failed = await warmup.boot().then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failed).toBeInstanceOf(BootError);
      expect((failed as BootError).report.components.db?.errorCode).toBe(ErrorCode.Timeout);
      await eventually(() => db.openSockets === 0, 'the server saw the connection close');
      await eventually(() => activeResources('TCPSocketWrap') <= sockets, 'no client socket left');
    });

    it('a shutdown during the boot aborts the attempt: boot() rejects with BootCancelledError and the socket is closed', async () => {
      const db = await database();
      db.silent = true;
      const { warmup } = warmupWith(postgresPool(patient(db.port)));
      const booting = warmup.boot();
      await eventually(() => db.openSockets === 1, 'the attempt connected');

      await warmup.shutdown();

      await expect(booting).rejects.toBeInstanceOf(BootCancelledError);
      await eventually(() => db.openSockets === 0, 'the aborted attempt closed its socket');
    });
  });

  describe('having a database that starts after the service', () => {
    it('retries with backoff until it answers', async () => {
      const port = await freePort();
      const { warmup } = warmupWith({ ...postgresPool(config(port)), timeout: 1_000, retries: 10, backoff: { delay: 50, factor: 1 } });
      const late = new Promise<FakePostgres>((resolve) => setTimeout(() => resolve(database(port)), 300));

      const report = await warmup.boot();
      await late;

      const history = report.components.db?.attemptHistory.map((a) => a.outcome) ?? [];
      expect(history.length).toBeGreaterThan(1);
      expect(history.at(-1)).toBe('ready');
      expect(new Set(history.slice(0, -1))).toEqual(new Set(['failed'])); // ECONNREFUSED until it listens
    });
  });

  describe('having a database that dies after the boot', () => {
    it('does not crash the process (the pool has an error listener), and the health check then fails', async () => {
      const db = await database();
      const errors: Error[] = [];
      const { warmup } = warmupWith(postgresPool(config(db.port), { onError: (error) => errors.push(error) }));
      await warmup.boot(); // one idle client stays in the pool

      await db.kill();

      await eventually(() => errors.length === 1, "the pool's 'error' event reached onError");
      expect(errors[0]?.message).toMatch(/terminated unexpectedly/);
      const unhealthy = nextEvent(warmup.events$, (e) => e.type === 'health');
      warmup.monitor({ interval: 20, failureThreshold: 1 });
      const check = await unhealthy;
      expect(check.healthy).toBe(false);
      expect(check.error?.message).toMatch(/ECONNREFUSED/);
      expect(warmup.getStatus('db')).toBe('degraded');
    });

    it('without that listener the same death kills the process: why the recipe adds one', async () => {
      const db = await database();
      const child = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import pg from 'pg';
           const pool = new pg.Pool({ host: '127.0.0.1', port: ${db.port}, user: 'app', database: 'app' });
           await pool.query('select 1');
           console.log('booted');
           setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));

      await db.kill();

      expect(await exited).not.toBe(0);
      expect(stderr).toMatch(/Unhandled 'error' event|Connection terminated unexpectedly/);
    });
  });

  describe('having a database that hangs after the boot', () => {
    it('the health check gives up at healthTimeout and destroys the connection it was stuck on', async () => {
      const db = await database();
      const { warmup } = warmupWith({ ...postgresPool(patient(db.port)), healthTimeout: 150 });
      await warmup.boot();
      expect(db.openSockets).toBe(1);
      db.silent = true;

      const unhealthy = nextEvent(warmup.events$, (e) => e.type === 'health');
      warmup.monitor({ interval: 20, failureThreshold: 1 });
      const check = await unhealthy;

      expect(check.healthy).toBe(false);
      expect(codeOf(check.error)).toBe(ErrorCode.Timeout);
      await eventually(() => db.openSockets === 0, 'the hung connection was destroyed');
    });
  });

  // A reviewer with a real PostgreSQL: PGHOST=localhost PGUSER=… PGPASSWORD=… PGDATABASE=… npm test
  (process.env.PGHOST === undefined ? describe.skip : describe)('against the real server in PGHOST', () => {
    it('boots, queries, passes its health check and ends at shutdown', async () => {
      const { warmup, container } = warmupWith(postgresPool({})); // pg reads PGHOST, PGPORT, PGUSER, …
      await warmup.boot();
      const pool = container.get<Pool>('db');
      expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const check = nextEvent(warmup.events$, (e) => e.type === 'health');
      warmup.monitor({ interval: 20 });
      expect((await check).healthy).toBe(true);
      await warmup.shutdown();
      expect(pool.ended).toBe(true);
    });
  });
});

function codeOf(error: Error | undefined): unknown {
  return (error as { code?: unknown } | undefined)?.code;
}
