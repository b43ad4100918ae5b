// Recipe: a `pg` Pool as a preheat component (docs/recipes.md#a-pg-pool).
import { Socket } from 'node:net';
import { Pool, type PoolClient, type PoolConfig, type QueryResult } from 'pg';
import type { ComponentDefinition } from 'preheat';
import { abortable } from './abortable.js';

/** How the pool component is set up; every field has a default. */
export interface PostgresPoolOptions {
  /** The token it is bound under. Default `'db'`. */
  readonly token?: string;
  /**
   * Where the pool's `'error'` events go. pg emits `'error'` on the pool when an **idle** client's
   * connection breaks (the server restarted, a proxy dropped it); with no listener, Node throws it
   * and the process dies. Default: `console.error`.
   */
  readonly onError?: (error: Error) => void;
}

/**
 * A `pg` Pool that is usable once `select 1` has answered. An attempt that times out (or a shutdown
 * during boot) closes the pool's sockets, so nothing is left behind; a late database is retried
 * with backoff; the health check runs a query under its own signal; shutdown ends the pool.
 *
 * @example
 * ```ts
 * warmup.register(postgresPool({ connectionString: process.env.DATABASE_URL }));
 * await warmup.boot();
 * const { rows } = await container.get<Pool>('db').query('select now()');
 * ```
 */
export function postgresPool(config: PoolConfig, options: PostgresPoolOptions = {}): ComponentDefinition<Pool> {
  const { token = 'db', onError = (error) => console.error('postgres pool:', error) } = options;
  return {
    token,
    timeout: 5_000, // one attempt: connect + select 1
    retries: 5, // a database that starts after us (same deploy, or restarting)…
    backoff: { delay: 500, factor: 2, maxDelay: 5_000 }, // …is retried after 0.5, 1, 2, 4 and 5 s
    healthTimeout: 2_000,
    async load({ signal }) {
      const sockets = trackSockets();
      // connectionTimeoutMillis bounds connects made later (requests, health checks); during boot,
      // the attempt's timeout does.
      const pool = new Pool({ connectionTimeoutMillis: 3_000, ...config, stream: sockets.create });
      pool.on('error', onError);
      try {
        // pool.end() alone would not do on abort: it waits for clients that are still connecting,
        // and a server that accepted but never answers keeps them connecting forever.
        await abortable(pool.query('select 1'), signal, sockets.destroyAll);
        return pool;
      } catch (error) {
        sockets.destroyAll();
        await pool.end();
        throw error;
      }
    },
    healthCheck: async (pool, signal) => (await queryWithSignal(pool, 'select 1', signal)).rowCount === 1,
    onShutdown: (pool) => pool.end(),
  };
}

/**
 * Runs one query on a client of its own; when `signal` aborts, that client is released with an
 * error, which makes pg destroy its socket, so a hung query does not keep a pool slot.
 */
export async function queryWithSignal(pool: Pool, text: string, signal: AbortSignal): Promise<QueryResult> {
  const connecting = pool.connect(); // bounded by connectionTimeoutMillis
  let client: PoolClient;
  try {
    client = await abortable(connecting, signal);
  } catch (error) {
    void connecting.then((late) => late.release(), () => undefined);
    throw error;
  }
  let released = false;
  const release = (destroy: boolean): void => {
    if (released) return;
    released = true;
    client.release(destroy);
  };
  try {
    return await abortable(client.query(text), signal, () => release(true));
  } finally {
    release(false);
  }
}

/** pg's `stream` option with a memory: every socket the pool opened and has not closed yet. */
function trackSockets(): { create: () => Socket; destroyAll: () => void } {
  const open = new Set<Socket>();
  return {
    create: () => {
      const socket = new Socket();
      open.add(socket);
      socket.once('close', () => open.delete(socket));
      return socket;
    },
    destroyAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
}
