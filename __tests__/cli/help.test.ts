import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root, runBin } from './runBin.js';

describe('preheat', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  describe("having '--help'", () => {
    it('should print the usage of every command and exit 0', async () => {
      const { code, stdout } = await runBin(['--help']);
      expect(code).toBe(0);
      for (const usage of ['preheat boot <module>', 'preheat analyze blame', 'preheat analyze critical-chain', 'preheat analyze plot', 'preheat analyze trace', 'preheat demo', 'preheat profile record <module>', 'preheat profile merge <a.json> <b.json>']) {
        expect(stdout).toContain(usage);
      }
    });

    it('should print the same with no arguments', async () => {
      const [none, help] = await Promise.all([runBin([]), runBin(['--help'])]);
      expect(none.stdout).toBe(help.stdout);
    });
  });

  describe("having '--version'", () => {
    it("should print package.json's version", async () => {
      const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
      expect((await runBin(['--version'])).stdout).toBe(`${version}\n`);
    });
  });

  describe('having an unknown command or option', () => {
    it.each([
      [['start'], /^preheat: PREHEAT_CLI_USAGE: unknown command 'start'; commands: boot, analyze blame, .*demo, profile record, profile merge \(see preheat --help\)$/],
      [['boot', 'x.js', '--fast'], /^preheat: PREHEAT_CLI_USAGE: Unknown option '--fast'.* \(see preheat --help\)$/],
      [['constructor'], /^preheat: PREHEAT_CLI_USAGE: unknown command 'constructor'; commands: boot, /],
      [['__proto__'], /^preheat: PREHEAT_CLI_USAGE: unknown command '__proto__'; commands: boot, /],
      [['analyze', 'toString', 'report.json'], /^preheat: PREHEAT_CLI_USAGE: unknown command 'analyze toString'; commands: analyze blame, /],
      [['profile', 'show'], /^preheat: PREHEAT_CLI_USAGE: unknown command 'profile show'; commands: profile record, profile merge \(see preheat --help\)$/],
    ])('should print one error line for %p and exit 1', async (args, message) => {
      const { code, stderr } = await runBin(args);
      expect(code).toBe(1);
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    });
  });
});
