import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup, type ComponentDefinition } from '../../src/index.js';
import { redisProfileStore, type RedisLike } from '../../examples/recipes/redisProfileStore.js';

/** The two commands the store uses, over a Map: what a fleet's shared Redis holds. */
class MapRedis implements RedisLike {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<string | null> {
    return this.data.get(key) ?? null;
  }
  async set(key: string, value: string): Promise<'OK'> {
    this.data.set(key, value);
    return 'OK';
  }
}

const items = (): ComponentDefinition[] => [
  { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
  { token: 'reports', priority: Priority.MEDIUM, load: () => ({}) },
];

describe('redisProfileStore (examples/recipes)', () => {
  it('should let replicas learn together: each boots from what the others saved', async () => {
    const redis = new MapRedis();
    for (let replica = 0; replica < 3; replica++) {
      const warmup = new Warmup(new Container(), { profile: { store: redisProfileStore(redis, 'api') } }).register(items());
      await warmup.boot();
      await warmup.shutdown();
    }
    expect([...redis.data.keys()]).toEqual(['preheat:profile:api:current']);
    const fourth = new Warmup(new Container(), { profile: { store: redisProfileStore(redis, 'api') } }).register(items());
    const report = await fourth.boot();
    expect(report.learned!.profileBoots).toBe(3);
    // nobody used 'reports' on three replicas: the fourth boots it one step later
    expect(report.learned!.adjustments).toEqual([{ name: 'reports', from: 'MEDIUM', to: 'LOW', reason: 'unused for 3 boots' }]);
    await fourth.shutdown();
  });
});
