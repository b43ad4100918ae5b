import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Inject, Injectable, Module, type INestApplication, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BootError, ErrorCode, InvalidOptionError, Priority, UnknownComponentError, Warmup } from '../../src/index.js';
import { LazyWarmModules, PreheatHealthIndicator, PreheatModule, RequiresReady, Warm, type PreheatModuleOptions } from '../../src/adapters/nest/index.js';
import { Container } from 'inversify';
import { deferred } from '../helpers/deferred.js';

// No unhandled rejections: jest 30 fails the test during which a rejection goes unhandled (it
// listens on the real process; a `process.on('unhandledRejection')` here would only reach jest's
// sandboxed process object and never fire).

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let apps: INestApplication[] = [];
afterEach(async () => {
  await Promise.allSettled(apps.map((app) => app.close()));
  apps = [];
});

async function listen(app: INestApplication): Promise<(path: string) => Promise<{ status: number; retryAfter: string | null; body: unknown }>> {
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return async (path) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') === true;
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: json ? (JSON.parse(text) as unknown) : text };
  };
}

/**
 * A small app: Config (CRITICAL) ← Db (HIGH, injects Config, its warm-up waits on `db`), a
 * controller with a gated and a free route, and a terminus health route. Fresh classes per call.
 */
function orderApp(options: PreheatModuleOptions = {}, db: { readonly warm?: () => Promise<void>; readonly retries?: number; readonly config?: () => Promise<void> } = {}) {
  const log: string[] = [];

  @Warm({ priority: Priority.CRITICAL })
  @Injectable()
  class Config {
    readonly url = 'postgres://db';
    async onWarmup() {
      await db.config?.();
      log.push('config warm');
    }
  }

  @Warm({ priority: Priority.HIGH, retries: db.retries ?? 0, backoff: { delay: 1 } })
  @Injectable()
  class Db {
    constructor(readonly config: Config) {}
    async onWarmup(signal: AbortSignal) {
      log.push(`db warm ${this.config.url} ${signal.aborted}`);
      await db.warm?.();
      log.push('db ready');
    }
    orders() {
      return ['o1'];
    }
  }

  @Controller()
  class OrdersController {
    constructor(private readonly db: Db) {}
    @Get('orders')
    @RequiresReady(Db)
    list() {
      return this.db.orders();
    }
    @Get('free')
    free() {
      return 'free';
    }
  }

  @Controller('health')
  class HealthController {
    constructor(
      private readonly health: HealthCheckService,
      private readonly preheat: PreheatHealthIndicator,
    ) {}
    @Get('ready')
    @HealthCheck()
    ready() {
      return this.health.check([() => this.preheat.isHealthy('preheat')]);
    }
  }

  @Module({ imports: [PreheatModule.forRoot(options), TerminusModule], providers: [Config, Db], controllers: [OrdersController, HealthController] })
  class AppModule {}

  return { AppModule, Config, Db, log };
}

describe('preheat/nest', () => {
  describe('having an app built by @nestjs/testing, listening on 127.0.0.1:0', () => {
    it('should answer 503 + Retry-After on a gated route before its component is warm, 200 after, with terminus following', async () => {
      const gate = deferred();
      const { AppModule, Db, log } = orderApp({}, { warm: () => gate.promise });
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
      const app = moduleRef.createNestApplication({ logger: false, forceCloseConnections: true });
      const get = await listen(app); // listen() waited for CRITICAL only
      const warmup = app.get(Warmup);
      expect(log).toEqual(['config warm', 'db warm postgres://db false']); // Db after the Config it injects

      expect(await get('/orders')).toEqual({ status: 503, retryAfter: '1', body: { error: 'not ready', notReady: [{ component: 'Db', status: 'loading', reason: 'still loading' }] } });
      expect(await get('/free')).toMatchObject({ status: 200, body: 'free' });
      expect(await get('/health/ready')).toMatchObject({ status: 503, body: { status: 'error', error: { preheat: { status: 'down', waiting: ['Db'] } } } });

      gate.resolve();
      await warmup.whenReady(Db);
      expect(await get('/orders')).toEqual({ status: 200, retryAfter: null, body: ['o1'] });
      expect(await get('/health/ready')).toMatchObject({ status: 200, body: { status: 'ok', info: { preheat: { status: 'up' } } } });
      // Nest's own instance is the component: one object, whichever container you ask.
      expect(warmup.getComponent(Db)).toBe(app.get(Db));
      expect(warmup.container.get(Db)).toBe(app.get(Db));
    });
  });

  describe('having an app made by NestFactory', () => {
    it('should answer 503 with Retry-After 5 and name the required component that failed after its retries', async () => {
      let attempts = 0;
      const { AppModule } = orderApp({}, { retries: 1, warm: () => Promise.reject(new Error(`refused ${++attempts}`)) });
      const app = await NestFactory.create(AppModule, { logger: false, forceCloseConnections: true });
      const get = await listen(app);
      const warmup = app.get(Warmup);
      await warmup.boot().catch(() => undefined);
      expect(attempts).toBe(2);
      expect(await get('/orders')).toEqual({ status: 503, retryAfter: '5', body: { error: 'not ready', notReady: [{ component: 'Db', status: 'failed', reason: 'failed to load' }] } });
      expect(await get('/health/ready')).toMatchObject({ status: 503, body: { error: { preheat: { status: 'down', failed: ['Db'] } } } });
    });

    it("should fail app.init() with BootError when wait is 'all' and a required component fails", async () => {
      const { AppModule } = orderApp({ wait: 'all' }, { warm: () => Promise.reject(new Error('refused')) });
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      const error = await app.init().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BootError);
      expect((error as BootError).code).toBe(ErrorCode.BootFailed);
    });

    it("should let app.init() return before any warm-up ends when wait is 'none'", async () => {
      const gate = deferred();
      const { AppModule, Config } = orderApp({ wait: 'none' }, { config: () => gate.promise });
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init();
      const warmup = app.get(Warmup);
      expect([warmup.phase, warmup.getStatus(Config)]).toEqual(['booting', 'loading']);
      gate.resolve();
      await warmup.whenReady(Config);
      await warmup.boot();
    });
  });

  describe('having two independent providers', () => {
    it('should warm them side by side, where Nest awaits onModuleInit one module after the other', async () => {
      const seen = { warm: 0, warmMax: 0, init: 0, initMax: 0 };
      const busy = async (key: 'warm' | 'init') => {
        seen[key]++;
        seen[`${key}Max`] = Math.max(seen[`${key}Max`], seen[key]);
        await sleep(150);
        seen[key]--;
      };
      @Warm() @Injectable() class A { onWarmup = () => busy('warm'); }
      @Warm() @Injectable() class B { onWarmup = () => busy('warm'); }
      @Injectable() class C implements OnModuleInit { onModuleInit = () => busy('init'); }
      @Injectable() class D implements OnModuleInit { onModuleInit = () => busy('init'); }
      @Module({ providers: [A, C] }) class ModuleAC {}
      @Module({ providers: [B, D] }) class ModuleBD {}
      @Module({ imports: [PreheatModule.forRoot({ wait: 'all' }), ModuleAC, ModuleBD] }) class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init();
      expect(seen).toEqual({ warm: 0, warmMax: 2, init: 0, initMax: 1 });
      expect(app.get(Warmup).report().components).toMatchObject({ A: { status: 'ready' }, B: { status: 'ready' } });
    });

    it('should order by injection through providers that are not @Warm() (Search → Repo → Db)', async () => {
      const log: string[] = [];
      @Warm() @Injectable() class Db { async onWarmup() { await sleep(50); log.push('db'); } }
      @Injectable() class Repo { constructor(@Inject(Db) readonly db: Db) {} }
      @Warm() @Injectable() class Search { constructor(@Inject(Repo) readonly repo: Repo) {} onWarmup = () => void log.push('search'); }
      @Warm() @Injectable() class Other { onWarmup = () => void log.push('other'); }
      @Module({ imports: [PreheatModule.forRoot({ wait: 'all' })], providers: [Search, Repo, Db, Other] }) class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init();
      expect(log).toEqual(['other', 'db', 'search']); // Other does not wait for Db; Search does
    });

    it('should honour maxConcurrent and a timeout that aborts the warm-up', async () => {
      let aborted = false;
      let inFlight = 0;
      let most = 0;
      const busy = async () => {
        most = Math.max(most, ++inFlight);
        await sleep(50);
        inFlight--;
      };
      @Warm({ timeout: 100, required: false })
      @Injectable()
      class Hangs {
        onWarmup(signal: AbortSignal) {
          return new Promise<void>((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason))));
        }
      }
      @Warm() @Injectable() class E { onWarmup = busy; }
      @Warm() @Injectable() class F { onWarmup = busy; }
      @Module({ imports: [PreheatModule.forRoot({ wait: 'all', warmup: { maxConcurrent: 1 } })], providers: [Hangs, E, F] }) class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init(); // Hangs is not required: the boot succeeds without it
      expect(aborted).toBe(true);
      expect(most).toBe(1);
      expect(app.get(Warmup).report().components).toMatchObject({ Hangs: { status: 'failed', required: false }, E: { status: 'ready' }, F: { status: 'ready' } });
    });
  });

  describe('having a Warmup of your own and health checks', () => {
    it('should order a provider after a component of that Warmup it dependsOn, and report a failing checkHealth as degraded to terminus', async () => {
      const log: string[] = [];
      const own = new Warmup(new Container()).register({ token: 'cache', priority: Priority.CRITICAL, load: () => sleep(50).then(() => (log.push('cache'), new Map())) });
      @Warm({ dependsOn: ['cache'], required: true })
      @Injectable()
      class Search {
        onWarmup = () => void log.push('search');
        checkHealth = () => false; // loaded, but its health check fails: Degraded
      }
      @Warm({ healthCheck: (instance: object) => instance instanceof Checked })
      @Injectable()
      class Checked {}
      @Warm({ healthCheck: false })
      @Injectable()
      class Unchecked {
        checkHealth = () => false; // not run: healthCheck is false
      }
      @Controller('health')
      class HealthController {
        constructor(
          private readonly health: HealthCheckService,
          private readonly preheat: PreheatHealthIndicator,
        ) {}
        @Get()
        @HealthCheck()
        check() {
          return this.health.check([() => this.preheat.isHealthy('search')]);
        }
      }
      @Module({ imports: [PreheatModule.forRoot({ warmup: own, wait: 'all' }), TerminusModule], providers: [Search, Checked, Unchecked], controllers: [HealthController] })
      class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false, forceCloseConnections: true });
      const get = await listen(app);
      expect(app.get(Warmup)).toBe(own);
      expect(log).toEqual(['cache', 'search']);
      expect([own.getStatus(Search), own.getStatus(Checked), own.getStatus(Unchecked)]).toEqual(['degraded', 'ready', 'ready']);
      expect(await get('/health')).toMatchObject({ status: 200, body: { status: 'degraded', details: { search: { status: 'degraded' } } } });
    });
  });

  describe('when the application closes', () => {
    function closingApp() {
      const gate = deferred();
      const { AppModule: Inner, log } = orderApp({ drainMs: 300 });
      void gate;
      let warmup: Warmup;
      @Injectable()
      class RootHooks implements OnModuleDestroy {
        constructor(private readonly health: PreheatHealthIndicator) {}
        onModuleDestroy() {
          log.push(`root onModuleDestroy: phase ${warmup.phase}, readiness ${this.health.isHealthy().preheat.status}`);
        }
      }
      @Module({ imports: [Inner], providers: [RootHooks] }) class Root {}
      return { Root, log, setWarmup: (w: Warmup) => (warmup = w) };
    }

    it('should fail readiness before any hook runs, then drain while routes still serve, then run the hooks (app.close())', async () => {
      const { Root, log, setWarmup } = closingApp();
      const app = await NestFactory.create(Root, { logger: false, forceCloseConnections: true });
      const get = await listen(app);
      const warmup = app.get(Warmup);
      setWarmup(warmup);
      await warmup.boot();
      const started = Date.now();
      const closing = app.close();
      await sleep(100);
      // In the drain: readiness fails, the components still serve what is routed here.
      expect(warmup.phase).toBe('stopping');
      expect(log.filter((line) => line.startsWith('root'))).toEqual([]);
      expect(await get('/health/ready')).toMatchObject({ status: 503 });
      expect(await get('/orders')).toMatchObject({ status: 200 });
      await closing;
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(log.at(-1)).toBe('root onModuleDestroy: phase stopped, readiness down');
    });
    // SIGTERM: jest's sandboxed `process` receives no real signal; examples/integrations/nest.test.ts sends one to a real process.
  });

  describe('having a lazily loaded module', () => {
    it('should register its @Warm() providers on demand: pending at boot, warm when LazyWarmModules.load loads the module', async () => {
      const log: string[] = [];
      @Warm({ priority: Priority.CRITICAL }) @Injectable() class Config { onWarmup = () => void log.push('config'); }
      @Warm() @Injectable() class ReportStore { constructor(readonly config: Config) {} onWarmup = () => void log.push('store'); }
      @Warm() @Injectable() class ReportBuilder { constructor(readonly store: ReportStore) {} async onWarmup() { await sleep(20); log.push('builder'); } }
      @Module({ providers: [Config], exports: [Config] }) class ConfigModule {}
      @Module({ imports: [ConfigModule], providers: [ReportStore, ReportBuilder] }) class ReportsModule {}
      @Module({ imports: [PreheatModule.forRoot({ wait: 'all', lazyModules: [ReportsModule] }), ConfigModule] }) class AppModule {}

      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init();
      const warmup = app.get(Warmup);
      expect(log).toEqual(['config']);
      expect([warmup.getStatus(ReportStore), warmup.getStatus(ReportBuilder), warmup.phase]).toEqual(['pending', 'pending', 'ready']);

      const moduleRef = await app.get(LazyWarmModules).load(ReportsModule);
      expect(log).toEqual(['config', 'store', 'builder']); // in dependency order
      expect(warmup.getComponent(ReportBuilder)).toBe(moduleRef.get(ReportBuilder));
      await app.get(LazyWarmModules).load(ReportsModule); // cached
      expect(log).toHaveLength(3);
    });

    it('should load the module on warmup.getAsync of one of its providers, and refuse a module not listed', async () => {
      @Warm() @Injectable() class Exporter { onWarmup = () => undefined; }
      @Module({ providers: [Exporter] }) class ExportModule {}
      @Module({ providers: [Exporter] }) class UnlistedModule {}
      @Module({ imports: [PreheatModule.forRoot({ lazyModules: [ExportModule] })] }) class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await app.init();
      const warmup = app.get(Warmup);
      const exporter = await warmup.getAsync(Exporter);
      expect(exporter).toBeInstanceOf(Exporter);
      await expect(app.get(LazyWarmModules).load(UnlistedModule)).rejects.toThrow(InvalidOptionError);
    });
  });

  describe('when misconfigured', () => {
    it('should throw InvalidOptionError for bad forRoot options, and fail bootstrap on a @RequiresReady typo', async () => {
      expect(() => PreheatModule.forRoot({ wait: 'some' as never })).toThrow(InvalidOptionError);
      expect(() => PreheatModule.forRoot({ drainMs: -1 })).toThrow(InvalidOptionError);
      expect(() => PreheatModule.forRoot({ lazyModules: ['x'] as never })).toThrow(InvalidOptionError);
      @Controller() class Typo { @Get() @RequiresReady('dbb') get() { return 1; } }
      @Module({ imports: [PreheatModule.forRoot()], controllers: [Typo] }) class AppModule {}
      const app = await NestFactory.create(AppModule, { logger: false });
      apps.push(app);
      await expect(app.init()).rejects.toThrow(UnknownComponentError);
    });
  });
});
