import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Component, Priority, Warmup, type ComponentEvent, type Prime } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('priming', () => {
  beforeEach(() => void jest.useFakeTimers());
  afterEach(() => void jest.useRealTimers());

  it('should run prime() after the last wave and before ready, and report its time', async () => {
    const order: string[] = [];
    @Component({ name: 'templates', priority: Priority.LOW })
    class Templates implements Prime {
      async prime(): Promise<void> {
        order.push(`prime templates (phase ${warmup.phase})`);
        await sleep(30);
      }
    }
    const container = new Container();
    const warmup: Warmup = new Warmup(container).register(Templates, {
      token: 'search',
      priority: Priority.CRITICAL,
      load: async () => (order.push('load search'), await sleep(50), { warm: false }),
      prime: async (index: { warm: boolean }) => {
        await sleep(20);
        index.warm = true;
      },
    });
    warmup.phase$.subscribe((phase) => order.push(`phase ${phase}`));
    const report = await settle(warmup.boot(), 5);
    expect(order).toEqual(['phase idle', 'phase booting', 'load search', 'phase critical-ready', 'prime templates (phase critical-ready)', 'phase ready']);
    expect(report.primeMs).toBe(30);
    expect(report.totalLoadTimeMs).toBe(80);
    expect(container.get<{ warm: boolean }>('search').warm).toBe(true);
  });

  it('should turn a failing or hanging prime() into a warning, never a failed boot', async () => {
    const warmup = new Warmup(new Container()).register(
      { token: 'a', load: () => ({}), prime: () => Promise.reject(new Error('cold path broke')) },
      { token: 'b', timeout: 100, load: () => ({}), prime: () => new Promise<void>(() => {}) },
    );
    const warnings: ComponentEvent[] = [];
    warmup.events$.subscribe((e) => e.type === 'warning' && warnings.push(e));
    const report = await settle(warmup.boot(), 10);
    expect(report.readyCount).toBe(2);
    expect(report.primeMs).toBe(100);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([
      'a: prime() failed: cold path broke',
      expect.stringMatching(/^b: prime\(\) failed: .*priming did not finish within 100 ms/),
    ]);
  });

  it('should leave primeMs out when no component primes', async () => {
    const report = await new Warmup(new Container()).register({ token: 'a', load: () => ({}) }).boot();
    expect(report.primeMs).toBeUndefined();
  });
});
