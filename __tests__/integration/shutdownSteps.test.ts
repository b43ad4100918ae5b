import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { InvalidOptionError, Warmup } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

describe('shutdown', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  async function booted(log: string[], shutdownTimeout = 1_000): Promise<Warmup> {
    const warmup = new Warmup(new Container(), { shutdownTimeout }).register(
      { token: 'db', load: () => 'db', onShutdown: () => void log.push(`hook db @${Date.now()}`) },
      { token: 'api', dependsOn: ['db'], load: () => 'api', onShutdown: () => void log.push(`hook api @${Date.now()}`) },
    );
    await settle(warmup.boot());
    warmup.phase$.subscribe((phase) => phase === 'stopping' && log.push(`stopping @${Date.now()}`));
    return warmup;
  }

  describe('having beforeStop and drainMs', () => {
    it('runs beforeStop after the drain and before the first component hook', async () => {
      const log: string[] = [];
      const warmup = await booted(log);
      const t0 = Date.now();
      const report = await settle(
        warmup.shutdown({
          drainMs: 500,
          beforeStop: async () => {
            log.push(`beforeStop @${Date.now()}`);
            await new Promise((r) => setTimeout(r, 200));
          },
        }),
      );
      expect(log).toEqual([`stopping @${t0}`, `beforeStop @${t0 + 500}`, `hook api @${t0 + 700}`, `hook db @${t0 + 700}`]);
      expect(report.beforeStop).toEqual({ outcome: 'done', durationMs: 200 });
    });

    it('records a beforeStop that throws, and still stops the components', async () => {
      const log: string[] = [];
      const warmup = await booted(log);
      const report = await settle(warmup.shutdown({ beforeStop: () => Promise.reject(new Error('close failed')) }));
      expect(report.beforeStop).toMatchObject({ outcome: 'failed', error: 'close failed' });
      expect(report.stopped).toEqual(['api', 'db']);
    });

    it('gives beforeStop the shutdownTimeout and aborts its signal when that passes', async () => {
      const log: string[] = [];
      const warmup = await booted(log, 300);
      let signal: AbortSignal | undefined;
      const report = await settle(
        warmup.shutdown({
          beforeStop: (s) => {
            signal = s;
            return new Promise(() => undefined);
          },
        }),
      );
      expect(report.beforeStop).toMatchObject({ outcome: 'timeout', durationMs: 300 });
      expect(signal?.aborted).toBe(true);
      expect(report.stopped).toEqual(['api', 'db']);
    });

    it('rejects a beforeStop that is not a function, and starts nothing: a good call still works', async () => {
      const warmup = new Warmup(new Container());
      await expect(warmup.shutdown({ beforeStop: 'close' as never })).rejects.toThrow(InvalidOptionError);
      await expect(warmup.shutdown({ drainMs: '5' as never })).rejects.toThrow(InvalidOptionError);
      expect(warmup.phase).not.toBe('stopping');
      await expect(warmup.shutdown()).resolves.toMatchObject({ stopped: [] });
    });
  });

  describe('enableShutdownHooks', () => {
    it('leaves no signal listener behind once the shutdown is over, however it started', async () => {
      const before = { term: process.listenerCount('SIGTERM'), int: process.listenerCount('SIGINT') };
      for (let k = 0; k < 30; k++) {
        const warmup = new Warmup(new Container()).register({ token: 'a', load: () => k });
        warmup.enableShutdownHooks();
        warmup.enableShutdownHooks({ signals: ['SIGTERM'], drainMs: 10 });
        await settle(warmup.boot());
        expect(process.listenerCount('SIGTERM')).toBe(before.term + 2);
        await settle(warmup.shutdown());
        expect(warmup.enableShutdownHooks()).toEqual(expect.any(Function)); // after the shutdown: adds nothing
      }
      expect(process.listenerCount('SIGTERM')).toBe(before.term);
      expect(process.listenerCount('SIGINT')).toBe(before.int);
    });

    it('returns a function that removes its listeners sooner', () => {
      const before = process.listenerCount('SIGTERM');
      const off = new Warmup(new Container()).enableShutdownHooks(['SIGTERM']);
      expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      off();
      expect(process.listenerCount('SIGTERM')).toBe(before);
    });

    it.each<[string, unknown]>([
      ['signals', 'SIGTERM'],
      ['exitCode', 1.5],
      ['exitCode', '0'],
    ])('rejects %s: %p', (option, value) => {
      expect(() => new Warmup(new Container()).enableShutdownHooks({ [option]: value })).toThrow(InvalidOptionError);
    });
  });
});
