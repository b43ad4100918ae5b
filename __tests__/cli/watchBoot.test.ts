import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Container } from 'inversify';
import { Priority, Warmup, type BootProgress } from '../../src/index.js';
import { progressBar } from '../../src/cli/progress/progressBar.js';
import { watchBoot, type ProgressMode } from '../../src/cli/progress/watchBoot.js';
import { makePaint, visibleLength, type Terminal } from '../../src/cli/Terminal.js';
import { after } from '../helpers/deferred.js';

function fakeTerminal(tty: boolean, columns = 100): Terminal & { readonly written: string[] } {
  const written: string[] = [];
  const out = { write: (text: string) => written.push(text), isTTY: tty, columns };
  return { out, err: out, tty, columns, paint: makePaint(false), written };
}

async function watchedBoot(mode: ProgressMode, tty: boolean): Promise<string[]> {
  const term = fakeTerminal(tty);
  const warmup = new Warmup(new Container()).register(
    { token: 'config', priority: Priority.CRITICAL, load: after(100, {}) },
    { token: 'flaky', priority: Priority.HIGH, retries: 1, backoff: { delay: 50 }, load: ({ attempt }) => (attempt === 1 ? Promise.reject(new Error('boom')) : {}) },
    { token: 'search', priority: Priority.HIGH, dependsOn: ['config'], load: after(200, {}) },
  );
  const stop = watchBoot(warmup, term, mode, false);
  const booted = warmup.boot();
  await jest.advanceTimersByTimeAsync(1_000);
  await booted;
  stop();
  return term.written;
}

describe('watchBoot', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe("having 'bar' mode (a terminal)", () => {
    it('should redraw one progress line in place and print events above it', async () => {
      const written = await watchedBoot('bar', true);
      const redraws = written.filter((w) => w.startsWith('\r\x1b[2K') && !w.endsWith('\n') && w.length > 5);
      expect(redraws.length).toBeGreaterThan(3);
      expect(redraws.some((w) => /█+░* 3\/3 {2}wave HIGH/.test(w))).toBe(true);
      expect(written.join('')).toMatch(/✓ search +@300ms \+200ms\n/);
    });

    it('should remove the progress line when stopped', async () => {
      const written = await watchedBoot('bar', true);
      expect(written.at(-1)).toBe('\r\x1b[2K');
    });
  });

  describe("having 'lines' mode (no terminal)", () => {
    it('should print a line per wave, settle and retry, and never redraw', async () => {
      const text = (await watchedBoot('lines', false)).join('');
      expect(text).not.toContain('\r');
      expect(text.split('\n')).toEqual([
        '▸ wave CRITICAL (1 component)',
        '  ✓ config  @100ms +100ms',
        '▸ wave HIGH (2 components)',
        '  ↻ flaky: attempt 1 failed, retrying',
        '  ✓ flaky   @150ms +50ms',
        '  ✓ search  @300ms +200ms',
        '',
      ]);
    });
  });

  describe("having 'off' mode", () => {
    it('should write nothing', async () => {
      expect(await watchedBoot('off', true)).toEqual([]);
    });
  });
});

describe('watchBoot with control characters in names and errors', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe("having 'bar' mode, colours on", () => {
    it('should escape them in every line and in the bar, and keep its own codes', async () => {
      const written: string[] = [];
      const out = { write: (text: string) => written.push(text), isTTY: true, columns: 200 };
      const term: Terminal = { out, err: out, tty: true, columns: 200, paint: makePaint(true) };
      const warmup = new Warmup(new Container()).register(
        { token: 'slow\x1b[2J', load: after(300, {}) },
        { token: 'flaky\u009b31m', retries: 1, backoff: { delay: 50 }, load: ({ attempt }) => (attempt === 1 ? Promise.reject(new Error('reset\x1b]0;title\x07')) : {}) },
        { token: 'bad\u202e', required: false, load: () => Promise.reject(new Error('no\rway')) },
      );
      const stop = watchBoot(warmup, term, 'bar', true);
      const booted = warmup.boot();
      await jest.advanceTimersByTimeAsync(1_000);
      await booted;
      stop();
      // eslint-disable-next-line no-control-regex
      const own = written.join('').replace(/\r\x1b\[2K/g, '').replace(/\x1b\[(?:1|22|31|32|33|35|36|39|90)m/g, '');
      // eslint-disable-next-line no-control-regex
      expect(own).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202E]/);
      expect(own).toContain('loading slow\\x1b[2J');
      expect(own).toContain('↻ flaky\\x9b31m: attempt 1 failed, retrying');
      expect(own).toMatch(/✗ bad\\u202e .*failed \(optional\): no\\x0dway/);
    });
  });
});

describe('progressBar', () => {
  const progress: BootProgress = { total: 40, settled: 10, ready: 9, degraded: 0, failed: 1, wave: 1, waveName: 'HIGH', percent: 25 };

  describe('having a narrow terminal', () => {
    it('should cut the line so it never wraps', () => {
      const loading = Array.from({ length: 30 }, (_, i) => `component_with_a_long_name_${i}`);
      for (const columns of [20, 60, 80, 200]) {
        expect(visibleLength(progressBar(progress, loading, 1_234, columns, makePaint(true)))).toBeLessThanOrEqual(columns - 1);
      }
    });
  });

  describe('having room', () => {
    it('should show the counts, the wave, the time and what is loading', () => {
      expect(progressBar(progress, ['db', 'cache'], 1_234, 120, makePaint(false))).toBe(`${'█'.repeat(6)}${'░'.repeat(18)} 10/40  wave HIGH  1.23s  ✓9 ~0 ✗1  loading db, cache`);
    });
  });
});
