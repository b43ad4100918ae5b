// Recipe: a usage profile shared by a fleet of replicas, in Redis (docs/adaptive.md#a-shared-profile).
import type { ProfileStore, UsageProfile } from 'preheat';

/** What the store needs of a Redis client: ioredis and node-redis v4 both have these two. */
export interface RedisLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

/**
 * A {@link ProfileStore} over one Redis key. Every replica boots from the fleet's latest profile and
 * writes it back with its own boot folded in, so what one replica learned (a component nobody uses,
 * a kind of request that always needs the model) reaches the others at their next boot. Two
 * replicas saving at the same moment lose one of the two boots' observations (last writer wins),
 * which a learned hint can afford; the key carries the graph hash, so a release with other
 * components starts a profile of its own instead of being refused as foreign.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL!);
 * new Warmup(container, { profile: { store: redisProfileStore(redis, 'search-api'), saveInterval: 300_000 } });
 * ```
 */
export function redisProfileStore(redis: RedisLike, app: string, graphHash = 'current'): ProfileStore {
  const key = `preheat:profile:${app}:${graphHash}`;
  return {
    async load() {
      const text = await redis.get(key);
      return text === null ? undefined : (JSON.parse(text) as UsageProfile);
    },
    async save(profile) {
      await redis.set(key, JSON.stringify(profile));
    },
  };
}
