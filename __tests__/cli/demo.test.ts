import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBootReport } from '../../src/report/isBootReport.js';
import { parseXml, withClass } from '../unit/report/xmlWellFormed.js';
import { ensureBuilt, root, runBin, tempDir } from './runBin.js';

interface SavedComponent {
  readonly status: string;
  readonly attempts: number;
  readonly required: boolean;
  readonly attemptHistory: unknown[];
}

describe('the assistant demo (npm start)', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  describe('having no terminal', () => {
    let out: string;
    let result: Awaited<ReturnType<typeof runBin>>;

    beforeAll(async () => {
      out = tempDir();
      result = await runBin(['--out', out], { script: join(root, 'examples/assistant/main.js') });
    }, 60_000);

    it('should boot, serve its first command and exit 0', () => {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });

    it('should show progress as plain lines, then the summary and the critical chain', () => {
      const { stdout } = result;
      expect(stdout).not.toContain('\r'); // no redraws
      expect(stdout).not.toContain('\u001b['); // no colours
      expect(stdout).toMatch(/^▸ wave CRITICAL \(3 components\)$/m);
      expect(stdout).toMatch(/^ {2}↻ macos_controller: attempt 1 failed, retrying$/m);
      expect(stdout).toMatch(/^ {2}✗ weather_service .*failed \(optional\): getaddrinfo ENOTFOUND api\.weather\.example$/m);
      expect(stdout).toMatch(/^ {2}~ pattern_learner .*degraded: its health check answered false$/m);
      expect(stdout).toMatch(/^ {2}- telemetry_uploader +skipped: enabled \(telemetryOptedIn\) returned false$/m);
      expect(stdout).toMatch(/^Boot finished in \S+: 12 ready, 1 degraded, 1 failed \(optional\), 1 not loaded, 1 skipped; accepting commands\.$/m);
      expect(stdout).toMatch(/^ {2}✓ large_ml_model loaded in \S+$/m);
      expect(stdout).toMatch(/^ {2}COMPONENT +PRIORITY/m);
      expect(stdout).toMatch(/^boot @\S+\n└─proactive_suggestions @\S+ \+\S+$/m);
    });

    it('should write a report with every kind of outcome', () => {
      const report: unknown = JSON.parse(readFileSync(join(out, 'boot-report.json'), 'utf8'));
      expect(isBootReport(report)).toBe(true);
      const components = (report as { components: Record<string, SavedComponent> }).components;
      expect(Object.keys(components)).toHaveLength(16);
      expect(components.telemetry_uploader).toMatchObject({ status: 'skipped', attempts: 0 });
      expect(components.macos_controller).toMatchObject({ status: 'ready', attempts: 2 });
      expect(components.weather_service).toMatchObject({ status: 'failed', required: false });
      expect(components.pattern_learner).toMatchObject({ status: 'degraded', attempts: 2 });
      expect(components.large_ml_model).toMatchObject({ status: 'ready', attempts: 1 });
    });

    it('should record the steps of learning_database and nlp_engine, nested and tagged', () => {
      const report = JSON.parse(readFileSync(join(out, 'boot-report.json'), 'utf8')) as { components: Record<string, { attemptHistory: { steps?: { name: string; parent?: number; tags?: object }[]; extensions?: unknown[] }[] }> };
      const db = report.components.learning_database!.attemptHistory[0]!;
      expect(db.steps!.map((s) => s.name)).toEqual(['connect', 'migrate', 'lock', 'apply', 'warm cache']);
      expect(db.steps![3]).toMatchObject({ parent: 1, tags: { migrations: 12 } });
      const nlp = report.components.nlp_engine!.attemptHistory[0]!;
      expect(nlp.steps!.map((s) => s.name)).toEqual(['load vocabulary', 'load intent model']);
      expect(nlp.extensions).toHaveLength(1);
    });

    it('should write a timeline SVG with one bar per attempt', () => {
      const report = JSON.parse(readFileSync(join(out, 'boot-report.json'), 'utf8')) as { components: Record<string, SavedComponent> };
      const attempts = Object.values(report.components).reduce((n, c) => n + c.attemptHistory.length, 0);
      expect(withClass(parseXml(readFileSync(join(out, 'boot-timeline.svg'), 'utf8')), 'bar')).toHaveLength(attempts);
    });
  });
});
