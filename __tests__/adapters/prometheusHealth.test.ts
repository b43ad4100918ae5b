import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Gauge, Registry } from 'prom-client';
import { InvalidOptionError, operatingModes, Warmup } from '../../src/index.js';
import { registerWarmupMetrics, type WarmupMetrics } from '../../src/adapters/prometheus/index.js';
import { settle } from '../helpers/settle.js';

/** The exposition text parsed into samples: metric name, labels, value (HELP/TYPE skipped). */
async function parse(registry: Registry): Promise<{ name: string; labels: Record<string, string>; value: number }[]> {
  const text = await registry.metrics();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

describe('registerWarmupMetrics and the health model', () => {
  let registry: Registry;
  let handles: WarmupMetrics[] = [];

  beforeEach(() => {
    registry = new Registry();
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    for (const h of handles) h.unregister();
    handles = [];
    jest.useRealTimers();
  });

  it('should export preheat_health_score and one preheat_health_mode series per mode for each checked component', async () => {
    let score = 0.9;
    const warmup = new Warmup(new Container()).register(
      { token: 'search', load: () => ({}), healthCheck: () => score },
      { token: 'plain', load: () => ({}) },
    );
    handles.push(registerWarmupMetrics(warmup, { registry }));
    await settle(warmup.boot());
    let samples = await parse(registry);
    expect(samples.filter((s) => s.name === 'preheat_health_score')).toEqual([{ name: 'preheat_health_score', labels: { name: 'search' }, value: 0.9 }]);
    const modes = samples.filter((s) => s.name === 'preheat_health_mode');
    expect(modes.map((s) => s.labels.mode).sort()).toEqual([...operatingModes].sort());
    expect(modes.filter((s) => s.value === 1)).toEqual([{ name: 'preheat_health_mode', labels: { name: 'search', mode: 'normal' }, value: 1 }]);
    expect(modes.every((s) => s.labels.name === 'search')).toBe(true); // plain has no check: no series

    warmup.monitor({ interval: 100 });
    score = 0.3;
    await jest.advanceTimersByTimeAsync(100);
    samples = await parse(registry);
    expect(samples.find((s) => s.name === 'preheat_health_score')!.value).toBe(0.3);
    expect(samples.filter((s) => s.name === 'preheat_health_mode' && s.value === 1).map((s) => s.labels.mode)).toEqual(['minimal']);
    await warmup.shutdown();
  });

  it('should refuse to register when health_score is taken, registering nothing', () => {
    new Gauge({ name: 'preheat_health_score', help: 'taken', registers: [registry] });
    expect(() => registerWarmupMetrics(new Warmup(new Container()), { registry })).toThrow(InvalidOptionError);
    expect(registry.getSingleMetric('preheat_phase')).toBeUndefined();
  });

  it('should remove both on unregister', () => {
    const handle = registerWarmupMetrics(new Warmup(new Container()), { registry });
    handle.unregister();
    expect(registry.getSingleMetric('preheat_health_score')).toBeUndefined();
    expect(registry.getSingleMetric('preheat_health_mode')).toBeUndefined();
  });
});
