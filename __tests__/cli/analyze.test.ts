import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, withClass } from '../unit/report/xmlWellFormed.js';
import { ensureBuilt, fixture, runBin, tempDir } from './runBin.js';

interface SavedReport {
  readonly components: Record<string, { attemptHistory: unknown[] }>;
}

describe('preheat analyze', () => {
  let dir: string;
  let reportFile: string;
  let attempts: number;

  beforeAll(async () => {
    await ensureBuilt();
    dir = tempDir();
    reportFile = join(dir, 'boot-report.json');
    const { code } = await runBin(['boot', fixture('components.mjs'), '--quiet', '--report', reportFile]);
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SavedReport;
    attempts = Object.values(report.components).reduce((n, c) => n + c.attemptHistory.length, 0);
  }, 120_000);

  describe('blame', () => {
    describe('having a report', () => {
      it('should list the components slowest first with their attempts', async () => {
        const { code, stdout } = await runBin(['analyze', 'blame', reportFile]);
        expect(code).toBe(0);
        const lines = stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toMatch(/^\s*\d+ms db \(2 attempts, \d+ms in retried ones\)$/);
        expect(stdout).toMatch(/^\s*\d+ms metrics \(failed, optional\)$/m);
      });

      it("should print JSON with '--json'", async () => {
        const { stdout } = await runBin(['analyze', 'blame', reportFile, '--json']);
        expect((JSON.parse(stdout) as { name: string }[]).map((e) => e.name)[0]).toBe('db');
      });
    });
  });

  describe('critical-chain', () => {
    describe('having a report', () => {
      it('should print the chain like systemd-analyze, the boot first', async () => {
        const { code, stdout } = await runBin(['analyze', 'critical-chain', reportFile]);
        expect(code).toBe(0);
        expect(stdout).toContain('The time when a component settled is printed after the "@" character.');
        expect(stdout).toMatch(/^boot @\S+\n└─api @\S+ \+\S+\n {2}└─db @\S+ \+\S+\n {4}└─config @\S+ \+\S+/m);
      });

      it('should start at the component given', async () => {
        const { code, stdout } = await runBin(['analyze', 'critical-chain', reportFile, 'db']);
        expect(code).toBe(0);
        expect(stdout).toMatch(/^db @\S+ \+\S+\n└─config @\S+ \+\S+$/m);
      });

      it("should print JSON with '--json'", async () => {
        const { stdout } = await runBin(['analyze', 'critical-chain', reportFile, '--json']);
        expect((JSON.parse(stdout) as { name: string; via: string }[]).map((l) => [l.name, l.via])).toEqual([
          ['api', 'target'],
          ['db', 'dependency'],
          ['config', 'dependency'],
        ]);
      });

      it('should say which components there are when the one given is not in the report', async () => {
        const { code, stderr } = await runBin(['analyze', 'critical-chain', reportFile, 'nope']);
        expect(code).toBe(1);
        expect(stderr).toMatch(/^preheat: PREHEAT_CLI_UNKNOWN_COMPONENT: no component 'nope' in '.*' \(it has: config, db, api, metrics\)\n$/);
      });
    });
  });

  describe('plot', () => {
    describe('having a report', () => {
      it("should write an SVG timeline with one bar per attempt to '-o x.svg'", async () => {
        const file = join(dir, 'out', 'boot.svg');
        const { code, stdout } = await runBin(['analyze', 'plot', reportFile, '-o', file]);
        expect(code).toBe(0);
        expect(stdout).toContain(`Wrote ${file}`);
        const elements = parseXml(readFileSync(file, 'utf8'));
        expect(elements[0]!.name).toBe('svg');
        expect(withClass(elements, 'bar')).toHaveLength(attempts);
      });

      it("should write an HTML page to '-o x.html'", async () => {
        const file = join(dir, 'boot.html');
        const { code } = await runBin(['analyze', 'plot', reportFile, '--output', file, '--width', '900']);
        expect(code).toBe(0);
        const html = readFileSync(file, 'utf8');
        expect(html).toMatch(/^<!doctype html>/);
        expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="900"');
      });

      it('should print the SVG without -o', async () => {
        const { code, stdout } = await runBin(['analyze', 'plot', reportFile]);
        expect(code).toBe(0);
        expect(withClass(parseXml(stdout), 'bar')).toHaveLength(attempts);
      });

      it('should refuse an output it cannot tell the format of', async () => {
        const { code, stderr } = await runBin(['analyze', 'plot', reportFile, '-o', 'boot.png']);
        expect(code).toBe(1);
        expect(stderr).toBe("preheat: PREHEAT_CLI_USAGE: cannot tell the format of 'boot.png': name the output file .svg or .html\n");
      });

      it('should refuse a width that is not a number of pixels', async () => {
        const { code, stderr } = await runBin(['analyze', 'plot', reportFile, '--width', 'wide']);
        expect(code).toBe(1);
        expect(stderr).toMatch(/^preheat: PREHEAT_CLI_USAGE: --width must be a whole number of pixels/);
      });
    });
  });

  describe('trace', () => {
    describe('having a report', () => {
      it('should write Chrome trace-event JSON with the required fields', async () => {
        const file = join(dir, 'trace.json');
        const { code, stdout } = await runBin(['analyze', 'trace', reportFile, '-o', file]);
        expect(code).toBe(0);
        expect(stdout).toContain('open it in https://ui.perfetto.dev or chrome://tracing');
        const { traceEvents } = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Record<string, unknown>[] };
        for (const e of traceEvents) {
          for (const field of ['name', 'ph', 'ts', 'pid', 'tid']) expect(e).toHaveProperty(field);
          if (e.ph === 'X') expect(typeof e.dur).toBe('number');
        }
        expect(traceEvents.filter((e) => String(e.cat).startsWith('attempt'))).toHaveLength(attempts);
      });

      it('should trace a report at the far end of the range of a Date', async () => {
        const far = { ...saved(), startedAt: -8.64e15, finishedAt: 8.64e15 };
        const { code, stdout, stderr } = await runBin(['analyze', 'trace', write('end-of-time.json', JSON.stringify(far))]);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const boot = (JSON.parse(stdout) as { traceEvents: { name: string; dur?: number }[] }).traceEvents.find((e) => e.name === 'boot');
        expect(Number.isSafeInteger(boot?.dur)).toBe(true);
      });

      it('should print the trace without -o', async () => {
        const { stdout } = await runBin(['analyze', 'trace', reportFile]);
        expect(JSON.parse(stdout)).toHaveProperty('traceEvents');
      });
    });
  });

  describe('having bad input', () => {
    it.each([
      ['a report that does not exist', () => ['analyze', 'blame', join(dir, 'missing.json')], /^preheat: PREHEAT_CLI_NO_SUCH_FILE: cannot read report '.*missing\.json': no such file \(write one with: preheat boot <module> --report .*\)$/],
      ['a folder', () => ['analyze', 'blame', dir], /^preheat: PREHEAT_CLI_NO_SUCH_FILE: cannot read report '.*': it is a directory/],
      ['a file that is not JSON', () => ['analyze', 'critical-chain', write('notes.json', 'hello')], /^preheat: PREHEAT_CLI_NOT_JSON: '.*notes\.json' is not JSON: /],
      ['JSON that is not a report', () => ['analyze', 'plot', write('package.json', '{"name":"x"}')], /^preheat: PREHEAT_CLI_NOT_A_REPORT: '.*package\.json' is not a preheat boot report: total is not a number$/],
      ['a report of another format', () => ['analyze', 'blame', write('v2.json', JSON.stringify({ ...saved(), formatVersion: 2 }))], /^preheat: PREHEAT_CLI_REPORT_VERSION: '.*v2\.json' is a boot report this preheat cannot read: formatVersion is 2; this preheat reads 1 \(write it again/],
      ['a report from before the format version', () => ['analyze', 'blame', write('v0.json', JSON.stringify({ ...saved(), formatVersion: undefined }))], /^preheat: PREHEAT_CLI_REPORT_VERSION: '.*v0\.json' .*: formatVersion is missing \(a report from an older preheat\); this preheat reads 1 /],
      ['a report with a time a Date cannot hold', () => ['analyze', 'trace', write('far.json', JSON.stringify({ ...saved(), startedAt: 1e300 }))], /^preheat: PREHEAT_CLI_NOT_A_REPORT: '.*far\.json' is not a preheat boot report: startedAt is 1e\+300, beyond ±8\.64e15 ms \(the range of a Date\)$/],
      ['no report', () => ['analyze', 'trace'], /^preheat: PREHEAT_CLI_USAGE: expected one report file: preheat analyze trace <report\.json>/],
      ['an unknown analysis', () => ['analyze', 'speed', reportFile], /^preheat: PREHEAT_CLI_USAGE: unknown command 'analyze speed'; commands: analyze blame, analyze critical-chain, analyze learned, analyze plot, analyze trace/],
    ])('should print one error line for %s and exit 1', async (_what, args, message) => {
      const { code, stdout, stderr } = await runBin(args());
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    });
  });

  function saved(): Record<string, unknown> {
    return JSON.parse(readFileSync(reportFile, 'utf8')) as Record<string, unknown>;
  }

  function write(name: string, content: string): string {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  }
});
