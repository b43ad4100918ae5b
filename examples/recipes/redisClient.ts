// Recipe: an ioredis client as a preheat component (docs/recipes.md#an-ioredis-client).
import { Redis, type RedisOptions } from 'ioredis';
import type { ComponentDefinition } from 'preheat';
import { abortable } from './abortable.js';

/** How the client component is set up; every field has a default. */
export interface RedisClientOptions {
  /** The token it is bound under. Default `'cache'`. */
  readonly token?: string;
  /**
   * Where the client's `'error'` events go: a failed reconnect after boot, a reset connection.
   * Without a listener ioredis prints each one to stderr as `[ioredis] Unhandled error event`.
   * Default: `console.error`.
   */
  readonly onError?: (error: Error) => void;
  /** ioredis options, over the recipe's (`replyMapping` aside: the client is a plain `Redis`). */
  readonly redis?: Omit<RedisOptions, 'replyMapping'>;
}

/**
 * An ioredis client that is usable once the server is ready. An attempt that times out (or a
 * shutdown during boot) disconnects it, which also stops its own reconnect loop; preheat does the
 * retrying at boot. The health check is a `PING`; shutdown sends `QUIT`.
 *
 * @example
 * ```ts
 * warmup.register(redisClient(process.env.REDIS_URL ?? 'redis://localhost:6379'));
 * await warmup.boot();
 * await container.get<Redis>('cache').set('greeting', 'hello');
 * ```
 */
export function redisClient(url: string, options: RedisClientOptions = {}): ComponentDefinition<Redis> {
  const { token = 'cache', onError = (error) => console.error('redis:', error), redis } = options;
  return {
    token,
    timeout: 3_000,
    retries: 5,
    backoff: { delay: 500, factor: 2, maxDelay: 5_000 },
    healthTimeout: 2_000,
    async load({ signal }) {
      const client = new Redis(url, {
        lazyConnect: true, // connect below, under the attempt's signal, not in the constructor
        // A command sent while the connection is down waits for this many reconnects, then fails
        // (default 20: a PING during an outage would only ever time out).
        maxRetriesPerRequest: 1,
        // Reconnects after boot; a failed attempt disconnects, so this loop never outlives it.
        retryStrategy: (times) => Math.min(times * 100, 2_000),
        ...redis,
      });
      client.on('error', onError);
      try {
        await abortable(client.connect(), signal, () => client.disconnect());
        return client;
      } catch (error) {
        client.disconnect(); // else it keeps reconnecting in the background, forever
        throw error;
      }
    },
    healthCheck: async (client, signal) => (await abortable(client.ping(), signal)) === 'PONG',
    onShutdown: async (client) => {
      // QUIT lets the replies still in flight arrive. It fails when the server is gone and commands
      // are queued; disconnect() in any case, so no reconnect loop outlives the shutdown.
      await client.quit().catch(() => undefined);
      client.disconnect();
    },
  };
}
