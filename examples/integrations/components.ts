// The two components every integration example serves: a Config (CRITICAL, at once) and a Db that
// takes DB_CONNECT_MS to connect (default 500 ms) and fails to when DB_FAIL is set.
import { Container } from 'inversify';
import { Priority, Warmup } from 'preheat';

export class Db {
  orders(): { id: string }[] {
    return [{ id: 'o-1' }];
  }
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });

/** A Warmup over a fresh Container with `config` and `Db` registered (not booted). */
export function exampleWarmup(): Warmup {
  return new Warmup(new Container()).register(
    { token: 'config', priority: Priority.CRITICAL, load: () => ({ databaseUrl: process.env['DATABASE_URL'] ?? 'postgres://localhost/app' }) },
    {
      token: Db,
      dependsOn: ['config'],
      timeout: 10_000,
      load: async ({ signal }) => {
        await sleep(Number(process.env['DB_CONNECT_MS'] ?? 500), signal);
        if (process.env['DB_FAIL'] !== undefined) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return new Db();
      },
      onShutdown: () => console.log('db: closed'),
    },
  );
}
