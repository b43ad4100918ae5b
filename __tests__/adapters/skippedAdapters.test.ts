import { afterEach, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Container } from 'inversify';
import { Registry } from 'prom-client';
import { Priority, Warmup } from '../../src/index.js';
import { probeWarmup, startProbeServer } from '../../src/adapters/http/index.js';
import { instrumentWarmup, PreheatAttributes as A } from '../../src/adapters/otel/index.js';
import { registerWarmupMetrics } from '../../src/adapters/prometheus/index.js';
import { flush } from '../helpers/deferred.js';

/** A required CRITICAL component that is disabled, beside one that loads. */
function service(): Warmup {
  return new Warmup(new Container()).register(
    { token: 'config', priority: Priority.CRITICAL, load: () => ({}) },
    { token: 'consumer', priority: Priority.CRITICAL, enabled: false, load: () => ({}) },
  );
}

describe('a skipped component in the adapters', () => {
  const warmups: Warmup[] = [];
  afterEach(async () => {
    for (const w of warmups.splice(0)) await w.shutdown();
  });
  const booted = async (): Promise<Warmup> => {
    const warmup = service();
    warmups.push(warmup);
    await warmup.boot();
    return warmup;
  };

  describe('preheat/http', () => {
    it('should hold neither startup nor readiness back, nor count as failed', async () => {
      const warmup = await booted();
      expect(probeWarmup(warmup, 'startup')).toMatchObject({ ok: true, failed: [], waiting: [] });
      expect(probeWarmup(warmup, 'readiness')).toMatchObject({ ok: true, failed: [], waiting: [] });
    });

    it('should answer 200 on /readyz of a real server', async () => {
      const warmup = await booted();
      const server = await startProbeServer(warmup, { port: 0, host: '127.0.0.1' });
      try {
        const address = server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        const response = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(response.status).toBe(200);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });

  describe('preheat/prometheus', () => {
    it('should set the skipped series of the status gauge', async () => {
      const warmup = await booted();
      const registry = new Registry();
      const handle = registerWarmupMetrics(warmup, { registry });
      try {
        const text = await registry.metrics();
        expect(text).toContain('preheat_component_status{name="consumer",status="skipped"} 1');
        expect(text).toContain('preheat_component_status{name="consumer",status="failed"} 0');
      } finally {
        handle.unregister();
      }
    });
  });

  describe('preheat/otel', () => {
    it('should give it no load span and name it on the boot span', async () => {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
      const warmup = service();
      warmups.push(warmup);
      const stop = instrumentWarmup(warmup, { tracerProvider: provider });
      await warmup.boot();
      stop();
      await flush();
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name).sort()).toEqual(['preheat.boot', 'preheat.load config']);
      const boot = spans.find((s) => s.name === 'preheat.boot')!;
      expect(boot.attributes[A.BOOT_SKIPPED]).toBe(1);
      expect(boot.attributes[A.BOOT_SKIPPED_COMPONENTS]).toEqual(['consumer']);
      expect(boot.attributes[A.BOOT_FAILED]).toBe(0);
      trace.disable();
      await provider.shutdown();
    });
  });
});
