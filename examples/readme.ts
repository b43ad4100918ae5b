import 'reflect-metadata';
import { Container } from 'inversify';
import { Component, Priority, Warmup } from 'preheat';

@Component({ priority: Priority.CRITICAL })
class Config {
  readonly dbUrl = 'postgres://localhost/app';
}

@Component({ priority: Priority.HIGH, timeout: 5_000, retries: 2 })
class Database {
  connected = false;
  constructor(readonly config: Config) {} // inferred edge: Config → Database
  async onWarmup(signal: AbortSignal): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100)); // stands for connecting, e.g. await pool.query('select 1')
    this.connected = !signal.aborted;
  }
}

@Component()
class UserService {
  constructor(readonly db: Database) {}
}

const container = new Container();
const warmup = new Warmup(container).register(UserService, Database, Config);
warmup.events$.subscribe((e) => e.type === 'status' && console.log(`${e.name}: ${e.status}`));

const report = await warmup.boot();
const users = container.get(UserService); // the warm singleton
console.log(`${report.readyCount}/${report.total} ready; db connected: ${users.db.connected}`);
