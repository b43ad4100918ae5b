// Example: preheat/nest (docs/integrations.md#nestjs).
//   PORT=3000 node --loader ts-node/esm examples/integrations/nest.ts
// app.listen() binds once CRITICAL (Config) is usable; /orders answers 503 + Retry-After until Db
// is warm. SIGTERM: readiness fails before any Nest hook, the drain (requests still served),
// then Nest's hooks (Db closes), then the server closes.
// Every constructor parameter says @Inject(...): the example runs under esbuild, tsx and SWC too,
// which emit no decorator metadata.
import 'reflect-metadata';
import { Controller, Get, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Priority, Warmup } from 'preheat';
import { PreheatHealthIndicator, PreheatModule, RequiresReady, Warm } from 'preheat/nest';

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });

@Warm({ priority: Priority.CRITICAL })
@Injectable()
class Config {
  readonly databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://localhost/app';
}

@Warm({ timeout: 10_000, retries: 1, backoff: { delay: 100 } })
@Injectable()
class Db implements OnModuleDestroy {
  constructor(@Inject(Config) readonly config: Config) {} // Config is @Warm() too: Db warms after it

  async onWarmup(signal: AbortSignal): Promise<void> {
    await sleep(Number(process.env['DB_CONNECT_MS'] ?? 500), signal);
    if (process.env['DB_FAIL'] !== undefined) throw new Error(`connect ECONNREFUSED ${this.config.databaseUrl}`);
  }

  orders(): { id: string }[] {
    return [{ id: 'o-1' }];
  }

  onModuleDestroy(): void {
    console.log('db: closed');
  }
}

@Controller()
class OrdersController {
  constructor(@Inject(Db) private readonly db: Db) {}

  @Get('orders')
  @RequiresReady(Db)
  list(): { id: string }[] {
    return this.db.orders();
  }
}

@Controller()
class HealthController implements OnApplicationShutdown {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(PreheatHealthIndicator) private readonly preheat: PreheatHealthIndicator,
  ) {}

  @Get('readyz')
  @HealthCheck()
  readyz() {
    return this.health.check([() => this.preheat.isHealthy('preheat')]);
  }

  onApplicationShutdown(): void {
    console.log('server closed'); // Nest runs this hook after closing the HTTP server
  }
}

@Module({
  imports: [PreheatModule.forRoot({ drainMs: Number(process.env['DRAIN_MS'] ?? 5_000) }), TerminusModule],
  providers: [Config, Db],
  controllers: [OrdersController, HealthController],
})
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: false, forceCloseConnections: true });
app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
const warmup = app.get(Warmup);
warmup.phase$.subscribe((phase) => {
  if (phase === 'ready') console.log('ready');
  if (phase === 'failed') console.log(`boot failed: ${warmup.report().failedComponents.join(', ')}`);
  if (phase === 'stopping') console.log('readiness fails');
});

await app.listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1');
console.log(`listening ${((app.getHttpServer() as Server).address() as AddressInfo).port}`);
