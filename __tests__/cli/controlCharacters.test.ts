import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../unit/report/xmlWellFormed.js';
import { ensureBuilt, fixture, runBin, tempDir } from './runBin.js';

// Every control character a terminal may act on, except the line feeds the CLI writes itself.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const raw = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
// The CLI's own colours (see Terminal.ts): removed before looking for anything else.
// eslint-disable-next-line no-control-regex
const ownColours = /\u001b\[(?:1|22|31|32|33|35|36|39|90)m/g;

describe('text with control characters', () => {
  let dir: string;
  let reportFile: string;
  let booted: Awaited<ReturnType<typeof runBin>>;

  beforeAll(async () => {
    await ensureBuilt();
    dir = tempDir();
    reportFile = join(dir, 'boot-report.json');
    booted = await runBin(['boot', fixture('controlCharacters.mjs'), '--report', reportFile, '--verbose']);
  }, 120_000);

  describe('having a boot of components whose names and errors carry them', () => {
    it('should print each one escaped, visibly', () => {
      expect(booted.code).toBe(0);
      expect(booted.stdout).not.toMatch(raw);
      expect(booted.stderr).not.toMatch(raw);
      expect(booted.stdout).toMatch(/^ {2}↻ bell\\x07\\x0dclear\\x1b\[2J: attempt 1 failed, retrying$/m);
      expect(booted.stdout).toMatch(/^ {2}✗ c1\\x9b31m rtl\\u202eevil .*failed \(optional\): fail\\x9b2J\\x0dover$/m);
      expect(booted.stdout).toMatch(/^ {2}red\\x1b\[31mALERT\\x1b\[0m +MEDIUM /m);
      expect(booted.stdout).toContain('line\\x0abreak');
    });

    it('should escape them and keep its own colours when colours are on', async () => {
      const { code, stdout } = await runBin(['boot', fixture('controlCharacters.mjs')], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      expect(code).toBe(0);
      expect(stdout).toContain('\u001b[32m✓\u001b[39m');
      expect(stdout.replace(ownColours, '')).not.toMatch(raw);
    });

    it('should write a report that keeps the names as they are, in JSON that is safe to print', () => {
      const text = readFileSync(reportFile, 'utf8');
      expect(text).not.toMatch(raw);
      const { components } = JSON.parse(text) as { components: object };
      expect(Object.keys(components)).toEqual(['red\x1b[31mALERT\x1b[0m', 'bell\x07\rclear\x1b[2J', 'c1\u009b31m rtl\u202eevil', 'line\nbreak']);
    });
  });

  describe('having a report of them', () => {
    it.each([
      ['blame', ['analyze', 'blame']],
      ['blame --json', ['analyze', 'blame', '--json']],
      ['critical-chain', ['analyze', 'critical-chain']],
      ['critical-chain --json', ['analyze', 'critical-chain', '--json']],
      ['plot', ['analyze', 'plot']],
      ['trace', ['analyze', 'trace']],
    ])('should print %s without them', async (_what, args) => {
      const { code, stdout, stderr } = await runBin([...args, reportFile], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout.replace(ownColours, '')).not.toMatch(raw);
    });

    it('should still give well-formed XML and JSON with the same names', async () => {
      const svg = (await runBin(['analyze', 'plot', reportFile])).stdout;
      expect(() => parseXml(svg)).not.toThrow();
      expect(svg).toContain('c1&#x9b;31m rtl&#x202e;evil');
      const chain = JSON.parse((await runBin(['analyze', 'critical-chain', reportFile, '--json'])).stdout) as { name: string }[];
      expect(chain.map((l) => l.name)).toContain('bell\x07\rclear\x1b[2J');
    });

    it('should escape them in an error line', async () => {
      const { code, stderr } = await runBin(['analyze', 'critical-chain', reportFile, 'no\x1b[2Jpe']);
      expect(code).toBe(1);
      expect(stderr).not.toMatch(raw);
      expect(stderr).toMatch(/^preheat: PREHEAT_CLI_UNKNOWN_COMPONENT: no component 'no\\x1b\[2Jpe' in '.*' \(it has: red\\x1b\[31mALERT\\x1b\[0m, bell\\x07/);
    });
  });
});
