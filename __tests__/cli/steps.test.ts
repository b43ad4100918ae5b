import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BootReport } from '../../src/index.js';
import { ensureBuilt, fixture, runBin, tempDir } from './runBin.js';

describe('preheat with steps and a skipped component', () => {
  let reportFile: string;
  let bootOut: string;

  beforeAll(async () => {
    await ensureBuilt();
    reportFile = join(tempDir(), 'boot-report.json');
    const { code, stdout } = await runBin(['boot', fixture('steps.mjs'), '--report', reportFile]);
    expect(code).toBe(0);
    bootOut = stdout;
  }, 120_000);

  describe('boot', () => {
    it('should write the steps and the skip into the report, and say it skipped', () => {
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as BootReport;
      expect(report.components.db!.attemptHistory[0]!.steps!.map((s) => s.name)).toEqual(['connect', 'migrate', 'apply']);
      expect(report.components.queue).toMatchObject({ status: 'skipped', skipReason: 'enabled is false' });
      expect(report.skippedComponents).toEqual(['queue']);
      expect(bootOut).toMatch(/skipped: enabled is false/);
      expect(bootOut).toMatch(/Boot finished in \S+: 2 ready, 1 skipped/);
    });
  });

  describe('analyze blame', () => {
    it("should show a component's slowest step", async () => {
      const { code, stdout } = await runBin(['analyze', 'blame', reportFile]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^\s*\d+ms db \(slowest step: migrate \d+ms\)$/m);
      expect(stdout).not.toMatch(/queue/);
    });

    it("should give the slowest step in '--json'", async () => {
      const { stdout } = await runBin(['analyze', 'blame', reportFile, '--json']);
      const db = (JSON.parse(stdout) as { name: string; slowestStep?: { name: string; attempt: number } }[]).find((e) => e.name === 'db');
      expect(db!.slowestStep).toMatchObject({ name: 'migrate', attempt: 1 });
    });
  });

  describe('analyze trace', () => {
    it('should write the steps as slices', async () => {
      const file = join(tempDir(), 'trace.json');
      const { code } = await runBin(['analyze', 'trace', reportFile, '-o', file]);
      expect(code).toBe(0);
      const { traceEvents } = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: { name: string; cat?: string }[] };
      expect(traceEvents.filter((e) => e.cat === 'step').map((e) => e.name)).toEqual(['connect', 'migrate', 'apply']);
    });
  });
});
