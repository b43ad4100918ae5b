import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { BootCancelledError, BootError, ComponentStatus, Priority, Warmup } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

// Regressions found by a model-based fuzz of the boot semantics (issue 11).
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('the boot set', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('having failFast and eager scheduling', () => {
    it('does not settle boot() while a CRITICAL component is still in its health check', async () => {
      // 'broken' (HIGH) fails at 10 ms; its wave empties inside that settle, when fail-fast fails
      // the queued 'queued' too. 'checking' (CRITICAL) is in its health check until aborted.
      let checkAborted = false;
      const warmup = new Warmup(new Container(), { schedule: 'eager', failFast: true, maxConcurrent: 2 }).register(
        {
          token: 'checking',
          priority: Priority.CRITICAL,
          load: () => 'c',
          healthCheck: (_c: unknown, signal: AbortSignal) =>
            new Promise<boolean>((_, reject) => signal.addEventListener('abort', () => ((checkAborted = true), reject(signal.reason)))),
        },
        { token: 'broken', priority: Priority.HIGH, load: () => sleep(10).then(() => Promise.reject(new Error('boom'))) },
        { token: 'queued', priority: Priority.HIGH, load: () => 'q' },
      );
      const statusesAtRejection: Record<string, ComponentStatus> = {};
      const booting = warmup.boot().catch((error: unknown) => {
        for (const name of ['checking', 'broken', 'queued']) statusesAtRejection[name] = warmup.getStatus(name);
        return error;
      });
      const error = await settle(booting);
      expect(error).toBeInstanceOf(BootError);
      expect(checkAborted).toBe(true);
      expect(statusesAtRejection).toEqual({ checking: 'failed', broken: 'failed', queued: 'failed' });
      expect((error as BootError).report.components.checking!.status).toBe(ComponentStatus.Failed);
    });
  });

  describe('having failFast and a required component failed by its dependency', () => {
    it('calls no other loader once that component is marked failed', async () => {
      // 'flaky' is optional and fails; 'needsFlaky' (required) is failed by it; 'tolerant' depends
      // on 'flaky' only optionally and would start in the same settle.
      const started: string[] = [];
      const warmup = new Warmup(new Container(), { failFast: true }).register(
        { token: 'flaky', required: false, load: () => Promise.reject(new Error('down')) },
        { token: 'needsFlaky', dependsOn: ['flaky'], load: () => (started.push('needsFlaky'), 1) },
        { token: 'tolerant', optionalDependsOn: ['flaky'], load: () => (started.push('tolerant'), 2) },
      );
      const error = (await settle(warmup.boot()).catch((e: unknown) => e)) as BootError;
      expect(error).toBeInstanceOf(BootError);
      expect(error.cause).toBeInstanceOf(BootCancelledError);
      expect(started).toEqual([]);
      expect(error.failedRequired).toEqual(['needsFlaky', 'tolerant']);
    });
  });

  describe('having a required DEFERRED component', () => {
    it('does not fail the boot when it fails on demand during the boot', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'slow', load: () => sleep(100).then(() => 's') },
        { token: 'model', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('no model')) },
      );
      const booting = warmup.boot();
      const demand = warmup.getAsync('model').catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(10);
      expect(warmup.getStatus('model')).toBe(ComponentStatus.Failed);
      const report = await settle(booting);
      expect(report.readyComponents).toEqual(['slow']);
      expect(report.failedComponents).toEqual(['model']);
      expect(warmup.phase).toBe('ready');
      await demand;
    });

    it('does not trigger fail-fast when it fails on demand during the boot', async () => {
      const warmup = new Warmup(new Container(), { failFast: true }).register(
        { token: 'slow', load: () => sleep(100).then(() => 's') },
        { token: 'model', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('no model')) },
      );
      const booting = warmup.boot();
      void warmup.getAsync('model').catch(() => undefined);
      await expect(settle(booting)).resolves.toMatchObject({ readyCount: 1 });
      expect(warmup.isReady('slow')).toBe(true);
    });
  });

  describe('having a boot component loaded by getAsync before boot()', () => {
    it('counts its failure in the boot that follows', async () => {
      const warmup = new Warmup(new Container()).register(
        { token: 'db', load: () => Promise.reject(new Error('refused')) },
        { token: 'api', load: () => 'a' },
      );
      await settle(warmup.getAsync('db').catch(() => undefined));
      const error = (await settle(warmup.boot()).catch((e: unknown) => e)) as BootError;
      expect(error).toBeInstanceOf(BootError);
      expect(error.failedRequired).toEqual(['db']);
      expect(warmup.phase).toBe('failed');
    });

    it('counts it as settled in the progress', async () => {
      const warmup = new Warmup(new Container()).register({ token: 'db', load: () => 'd' }, { token: 'api', load: () => 'a' });
      await settle(warmup.getAsync('db'));
      const booting = warmup.boot();
      const report = await settle(booting);
      expect(report.readyCount).toBe(2);
      let last: { total: number; settled: number } | undefined;
      warmup.progress$.subscribe((p) => (last = p));
      expect(last).toMatchObject({ total: 2, settled: 2 });
    });
  });
});
