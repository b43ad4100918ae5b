import { describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/runCli.js';

function collector(): { write(text: string): boolean; readonly text: string } {
  let text = '';
  return {
    write: (chunk: string) => ((text += chunk), true),
    get text() {
      return text;
    },
  };
}

describe('runCli', () => {
  describe('having an error that is not one of its own', () => {
    it('should print one line with PREHEAT_CLI_UNEXPECTED and the error class, and exit 1', async () => {
      const stderr = collector();
      const stdout = {
        write: () => {
          throw new TypeError('stdout went away');
        },
      };
      const code = await runCli(['--version'], { stdout, stderr, env: {}, cwd: process.cwd() });
      expect(code).toBe(1);
      expect(stderr.text).toBe('preheat: PREHEAT_CLI_UNEXPECTED: TypeError: stdout went away (a bug in preheat: run with --verbose for the stack trace, and please report it)\n');
    });
  });
});
