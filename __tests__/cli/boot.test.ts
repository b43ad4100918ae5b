import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBootReport } from '../../src/report/isBootReport.js';
import { ensureBuilt, fixture, runBin, tempDir } from './runBin.js';

const stackTrace = /^\s+at /m;

describe('preheat boot', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  describe('having a module that exports components', () => {
    describe('when booted without a terminal', () => {
      it('should print one plain line per event, then the summary table, and exit 0', async () => {
        const { code, stdout, stderr } = await runBin(['boot', fixture('components.mjs')]);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout).not.toContain('\r'); // no redraws
        expect(stdout).not.toContain('\u001b['); // no colours
        expect(stdout).toMatch(/^▸ wave CRITICAL \(1 component\)$/m);
        expect(stdout).toMatch(/^ {2}✓ config +@\d+ms \+\d+ms$/m);
        expect(stdout).toMatch(/^ {2}↻ db: attempt 1 failed, retrying$/m);
        expect(stdout).toMatch(/^ {2}✗ metrics .*failed \(optional\): no exporter$/m);
        expect(stdout).toMatch(/^ {2}COMPONENT +PRIORITY +WAVE +STATUS +ATTEMPTS +STARTED +LOAD TIME +NOTE$/m);
        expect(stdout).toMatch(/^ {2}db +HIGH +HIGH +ready +2 /m);
        expect(stdout).toMatch(/^Boot finished in \S+: 3 ready, 1 failed \(optional\)$/m);
        expect(stdout).not.toContain('helper');
      });
    });

    describe("when booted with '--report'", () => {
      it('should write the report as JSON, creating its folder', async () => {
        const file = join(tempDir(), 'reports', 'boot.json');
        const { code, stdout } = await runBin(['boot', fixture('components.mjs'), '--report', file]);
        expect(code).toBe(0);
        const report: unknown = JSON.parse(readFileSync(file, 'utf8'));
        expect(isBootReport(report)).toBe(true);
        expect(report).toMatchObject({ total: 4, readyCount: 3, failedCount: 1, components: { db: { attempts: 2 } } });
        expect(stdout).toContain(`try: preheat analyze critical-chain ${file}`);
      });
    });

    describe("when booted with '--json'", () => {
      it('should print only the report, as JSON, on stdout', async () => {
        const { code, stdout } = await runBin(['boot', fixture('components.mjs'), '--json']);
        expect(code).toBe(0);
        expect(isBootReport(JSON.parse(stdout))).toBe(true);
      });
    });

    describe("when booted with '--quiet'", () => {
      it('should print one summary line', async () => {
        const { code, stdout } = await runBin(['boot', fixture('components.mjs'), '--quiet']);
        expect(code).toBe(0);
        expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Boot finished in \S+: 3 ready, 1 failed \(optional\)$/)]);
      });
    });
  });

  describe('having components named like keys of Object.prototype', () => {
    it('should report each of them, so the analysis finds them', async () => {
      const file = join(tempDir(), 'boot.json');
      expect((await runBin(['boot', fixture('oddNames.mjs'), '--quiet', '--report', file])).code).toBe(0);
      const report = JSON.parse(readFileSync(file, 'utf8')) as { components: object };
      expect(isBootReport(report)).toBe(true);
      expect(Object.keys(report.components)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
      const { code, stdout } = await runBin(['analyze', 'critical-chain', file]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^└─hasOwnProperty @\S+ \+\S+\n {2}└─toString .*\n {4}└─constructor .*\n {6}└─__proto__ @\S+ \+\S+$/m);
    });
  });

  describe('having a module whose default export returns a Warmup', () => {
    it('should call it, await it and boot what it returns', async () => {
      const { code, stdout } = await runBin(['boot', fixture('factory.mjs'), '--verbose']);
      expect(code).toBe(0);
      expect(stdout).toContain('Booting the Warmup returned by the default export of');
      expect(stdout).toMatch(/Boot finished in \S+: 2 ready$/m);
    });
  });

  describe('having a module whose components keep the process busy', () => {
    it('should still exit when the boot is over', async () => {
      const { code, stdout } = await runBin(['boot', fixture('openHandle.mjs'), '--quiet']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/1 ready/);
    });
  });

  describe('having a module whose required component fails', () => {
    it('should print the summary, still write the report, and exit 1', async () => {
      const file = join(tempDir(), 'boot.json');
      const { code, stdout } = await runBin(['boot', fixture('failing.mjs'), '--report', file]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^ {2}✗ db .*failed: ECONNREFUSED 127\.0\.0\.1:5432$/m);
      expect(stdout).toMatch(/^Boot failed after \S+: 1 ready, 2 failed; required: api, db$/m);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ failedComponents: ['api', 'db'] }); // a module's exports come in name order
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ components: { api: { attempts: 0 } } });
    });

    it("should say so on stderr with '--json'", async () => {
      const { code, stdout, stderr } = await runBin(['boot', fixture('failing.mjs'), '--json']);
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toMatchObject({ failedCount: 2 });
      expect(stderr).toBe('preheat: PREHEAT_BOOT_FAILED: boot failed: required component(s) failed: api, db\n');
    });
  });

  describe('having bad input', () => {
    it.each([
      ['a module that does not exist', ['boot', 'nope/app.js'], /^preheat: PREHEAT_CLI_NO_SUCH_FILE: cannot find module 'nope\/app\.js' \(looked for .*\)$/],
      ['a module with no components', ['boot', fixture('noComponents.mjs')], /^preheat: PREHEAT_CLI_NO_COMPONENTS: '.*noComponents\.mjs' exports no components: export @Component classes, \{ token, load \} definitions, or a function that returns a configured Warmup$/],
      ['a module that throws on import', ['boot', fixture('throws.mjs')], /^preheat: PREHEAT_CLI_IMPORT_FAILED: could not import '.*throws\.mjs': config file \/etc\/app\.yaml is missing$/],
      ['a factory that returns something else', ['boot', fixture('notAWarmup.mjs')], /^preheat: PREHEAT_CLI_BAD_FACTORY: the default export of '.*' returned an object \(ready\), not a Warmup/],
      ['a module with several candidate functions', ['boot', fixture('severalFunctions.mjs')], /^preheat: PREHEAT_CLI_BAD_FACTORY: '.*' exports several functions \(createApp, createWorker\); export the one that returns a Warmup as default$/],
      ['components with a dependency cycle', ['boot', fixture('cycle.mjs')], /^preheat: PREHEAT_CLI_BOOT_FAILED: boot failed: Circular dependency: /],
      ['no module', ['boot'], /^preheat: PREHEAT_CLI_USAGE: expected one module, got 0: preheat boot <module>/],
      ['an option boot does not take', ['boot', fixture('factory.mjs'), '-o', 'x.svg'], /^preheat: PREHEAT_CLI_USAGE: 'boot' does not take --output: /],
    ])('should print one error line for %s and exit 1', async (_what, args, message) => {
      const { code, stdout, stderr } = await runBin(args);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
      expect(stderr).not.toMatch(stackTrace);
    });

    it("should add the stack trace with '--verbose'", async () => {
      const { code, stderr } = await runBin(['boot', fixture('throws.mjs'), '--verbose']);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^preheat: PREHEAT_CLI_IMPORT_FAILED: could not import/);
      expect(stderr).toMatch(stackTrace);
      expect(stderr).toContain('Caused by:');
    });
  });
});
