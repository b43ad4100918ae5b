import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from './scratch.js';

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const bin = join(root, pkg.bin['preheat'] ?? 'missing: package.json has no "preheat" bin');

// Reads the build that `npm test` makes first (pretest → build → postbuild); never builds itself.
describe('the preheat bin (package.json "bin")', () => {
  describe('having run npm run build', () => {
    it('should exist', () => {
      expect(existsSync(bin) ? bin : `${bin} is missing: run \`npm run build\` first`).toBe(bin);
    });

    it('should start with a #!/usr/bin/env node line', () => {
      expect(readFileSync(bin, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
    });

    it('should be executable by its owner, group and others (postbuild)', () => {
      expect((statSync(bin).mode & 0o111).toString(8)).toBe('111');
    });

    describe('when the file itself is executed, as npx and node_modules/.bin do', () => {
      it("should print package.json's version", async () => {
        const { stdout } = await promisify(execFile)(bin, ['--version'], { cwd: root });
        expect(stdout).toBe(`${pkg.version}\n`);
      });
    });
  });
});
