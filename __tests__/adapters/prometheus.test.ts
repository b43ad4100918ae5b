import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { Counter, register, Registry } from 'prom-client';
import { filter, firstValueFrom } from 'rxjs';
import { InvalidOptionError, Priority, Warmup } from '../../src/index.js';
import { registerWarmupMetrics, type WarmupMetrics } from '../../src/adapters/prometheus/index.js';
import { deferred } from '../helpers/deferred.js';

/** The sample lines of the exposition text, `name{labels} value`, without HELP/TYPE comments. */
async function samples(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

/** The value of one sample, by its exact `name{labels}`. */
async function value(registry: Registry, series: string): Promise<number | undefined> {
  const line = (await samples(registry)).find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('registerWarmupMetrics', () => {
  let registry: Registry;
  let handles: WarmupMetrics[] = [];

  beforeEach(() => {
    registry = new Registry();
  });
  afterEach(() => {
    for (const h of handles) h.unregister();
    handles = [];
  });

  function metrics(warmup: Warmup, options: Parameters<typeof registerWarmupMetrics>[1] = {}): WarmupMetrics {
    const handle = registerWarmupMetrics(warmup, { registry, ...options });
    handles.push(handle);
    return handle;
  }

  function service(): Warmup {
    let dbAttempts = 0;
    return new Warmup(new Container()).register(
      { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
      { token: 'db', dependsOn: ['config'], retries: 1, backoff: { delay: 1 }, load: () => (++dbAttempts === 1 ? Promise.reject(new Error('refused')) : {}) },
      { token: 'cache', required: false, load: () => Promise.reject(new Error('no redis')) },
    );
  }

  describe('having a Warmup before boot', () => {
    it('should report every component pending, phase idle and a zero boot duration', async () => {
      metrics(service());
      expect(await value(registry, 'preheat_component_status{name="db",status="pending"}')).toBe(1);
      expect(await value(registry, 'preheat_component_status{name="db",status="ready"}')).toBe(0);
      expect(await value(registry, 'preheat_phase{phase="idle"}')).toBe(1);
      expect(await value(registry, 'preheat_boot_duration_seconds')).toBe(0);
    });
  });

  describe('having no component at all', () => {
    it('should expose only the phase and the boot duration', async () => {
      const warmup = new Warmup(new Container());
      metrics(warmup);
      await warmup.boot();
      expect(await value(registry, 'preheat_phase{phase="ready"}')).toBe(1);
      expect((await samples(registry)).filter((l) => l.startsWith('preheat_component_'))).toEqual([]);
    });
  });

  describe('having a boot with a retry and an optional failure', () => {
    it('should expose status, attempts, load times and the boot duration', async () => {
      const warmup = service();
      metrics(warmup);
      const report = await warmup.boot();

      expect(await value(registry, 'preheat_component_status{name="db",status="ready"}')).toBe(1);
      expect(await value(registry, 'preheat_component_status{name="db",status="pending"}')).toBe(0);
      expect(await value(registry, 'preheat_component_status{name="cache",status="failed"}')).toBe(1);
      expect(await value(registry, 'preheat_phase{phase="ready"}')).toBe(1);
      expect(await value(registry, 'preheat_phase{phase="booting"}')).toBe(0);

      expect(await value(registry, 'preheat_component_attempts_total{name="db",outcome="failed"}')).toBe(1);
      expect(await value(registry, 'preheat_component_attempts_total{name="db",outcome="ready"}')).toBe(1);
      expect(await value(registry, 'preheat_component_attempts_total{name="cache",outcome="failed"}')).toBe(1);

      expect(await value(registry, 'preheat_component_load_seconds_count{name="db",outcome="ready"}')).toBe(1);
      expect(await value(registry, 'preheat_component_load_seconds_sum{name="db",outcome="ready"}')).toBeCloseTo(report.components.db!.loadTimeMs! / 1000, 6);
      expect(await value(registry, 'preheat_component_load_seconds_count{name="cache",outcome="failed"}')).toBe(1);
      expect(await value(registry, 'preheat_component_load_seconds_bucket{le="+Inf",name="config",outcome="ready"}')).toBe(1);

      expect(await value(registry, 'preheat_boot_duration_seconds')).toBeCloseTo(report.totalLoadTimeMs / 1000, 6);
    });
  });

  describe('when registered after the boot', () => {
    it('should start from the report and count nothing twice', async () => {
      const warmup = service();
      const early = new Registry();
      handles.push(registerWarmupMetrics(warmup, { registry: early }));
      await warmup.boot();
      metrics(warmup);
      const series = (lines: string[]) => lines.filter((l) => !l.startsWith('preheat_boot_duration_seconds')).sort();
      expect(series(await samples(registry))).toEqual(series(await samples(early)));
    });
  });

  describe('having a load running when registered', () => {
    it('should still observe its load time', async () => {
      const gate = deferred<string>();
      const warmup = new Warmup(new Container()).register({ token: 'slow', load: () => gate.promise });
      const booting = warmup.boot();
      await firstValueFrom(warmup.events$.pipe(filter((e) => e.type === 'status' && e.status === 'loading')));
      metrics(warmup);
      gate.resolve('s');
      await booting;
      expect(await value(registry, 'preheat_component_load_seconds_count{name="slow",outcome="ready"}')).toBe(1);
    });
  });

  describe('having the health monitor find failures', () => {
    it('should count them by component', async () => {
      let healthy = true;
      const warmup = new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthCheck: () => healthy });
      metrics(warmup);
      await warmup.boot();
      healthy = false;
      const monitor = warmup.monitor({ interval: 5, failureThreshold: 100 });
      const failures = warmup.events$.pipe(filter((e) => e.type === 'health' && e.healthy === false));
      await firstValueFrom(failures);
      await firstValueFrom(failures);
      monitor.stop();
      expect(await value(registry, 'preheat_health_check_failures_total{name="db"}')).toBeGreaterThanOrEqual(2);
      expect(await value(registry, 'preheat_component_status{name="db",status="ready"}')).toBe(1);

      const late = new Registry();
      handles.push(registerWarmupMetrics(warmup, { registry: late }));
      expect(await value(late, 'preheat_health_check_failures_total{name="db"}')).toBe(await value(registry, 'preheat_health_check_failures_total{name="db"}'));
    });
  });

  describe('having a prefix and buckets', () => {
    it('should name every metric with the prefix and use the buckets', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      metrics(warmup, { prefix: 'checkout_', buckets: [1, 10] });
      await warmup.boot();
      const names = new Set((await samples(registry)).map((l) => l.replace(/[{ ].*$/, '')));
      expect([...names].sort()).toEqual([
        'checkout_boot_duration_seconds',
        'checkout_component_attempts_total',
        'checkout_component_load_seconds_bucket',
        'checkout_component_load_seconds_count',
        'checkout_component_load_seconds_sum',
        'checkout_component_status',
        'checkout_phase',
      ]);
      const les = (await samples(registry)).filter((l) => l.startsWith('checkout_component_load_seconds_bucket')).map((l) => /le="([^"]+)"/.exec(l)?.[1]);
      expect(les).toEqual(['1', '10', '+Inf']);
    });
  });

  describe('when unregister() is called', () => {
    it('should remove the metrics and stop listening, and let the names be registered again', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      const handle = metrics(warmup);
      handle.unregister();
      handle.unregister(); // idempotent
      expect((await registry.metrics()).trim()).toBe('');
      await warmup.boot();
      expect((await registry.metrics()).trim()).toBe('');
      metrics(warmup);
      expect(await value(registry, 'preheat_component_attempts_total{name="a",outcome="ready"}')).toBe(1);
    });
  });

  describe('having a registry that already holds one of the names', () => {
    it('should throw InvalidOptionError naming it and register nothing', async () => {
      new Counter({ name: 'preheat_component_attempts_total', help: 'somebody else', registers: [registry] });
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      expect(() => metrics(warmup)).toThrow(InvalidOptionError);
      expect(() => metrics(warmup)).toThrow(/holds preheat_component_attempts_total/);
      expect(registry.getMetricsAsArray().map((m) => m.name)).toEqual(['preheat_component_attempts_total']);
      expect(metrics(warmup, { prefix: 'other_' }).registry).toBe(registry);
    });

    it('should refuse a second registration for the same Warmup until the first is unregistered', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      const first = metrics(warmup);
      expect(() => metrics(warmup)).toThrow(/holds preheat_component_status, preheat_boot_duration_seconds/);
      first.unregister();
      metrics(warmup);
      await warmup.boot();
      expect(await value(registry, 'preheat_component_attempts_total{name="a",outcome="ready"}')).toBe(1);
    });
  });

  describe('having no registry option', () => {
    it("should register into prom-client's global register", async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      handles.push(registerWarmupMetrics(warmup));
      await warmup.boot();
      expect(await register.metrics()).toContain('preheat_component_status{name="a",status="ready"} 1');
    });
  });

  describe('having a shutdown', () => {
    it('should show every component stopped and the phase stopped', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'a', load: () => 1 });
      metrics(warmup);
      await warmup.boot();
      await warmup.shutdown();
      expect(await value(registry, 'preheat_component_status{name="a",status="stopped"}')).toBe(1);
      expect(await value(registry, 'preheat_phase{phase="stopped"}')).toBe(1);
    });
  });
});
