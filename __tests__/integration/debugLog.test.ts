import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The debug log is decided once, at load (node's debuglog reads NODE_DEBUG), so each case is a
// fresh process running the built package.
const app = fileURLToPath(new URL('../fixtures/debug-app.mjs', import.meta.url));

function run(debug?: string): { stdout: string; stderr: string } {
  const { NODE_DEBUG: _ignored, ...env } = process.env;
  const result = spawnSync(process.execPath, [app], { env: debug === undefined ? env : { ...env, NODE_DEBUG: debug }, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr };
}

describe('NODE_DEBUG=preheat', () => {
  it('prints registration, plan, waves, every attempt and settle on stderr', () => {
    const { stdout, stderr } = run('preheat');
    expect(stdout).toBe('ok\n');
    const text = stderr.split('\n').filter((line) => line.startsWith('PREHEAT')).join('\n');
    expect(text).toMatch(/register: 2 components/);
    expect(text).toMatch(/plan: 2 components, 1 edges/);
    expect(text).toMatch(/wave CRITICAL: 1 to load/);
    expect(text).toMatch(/attempt flaky #1 failed/);
    expect(text).toMatch(/attempt flaky #2 ready/);
    expect(text).toMatch(/settle config ready/);
    expect(text).toMatch(/settle flaky ready/);
    expect(text).toMatch(/shutdown: drain/);
  });

  it('prints nothing without it, including for the per-component lines', () => {
    const { stdout, stderr } = run();
    expect(stdout).toBe('ok\n');
    expect(stderr).not.toMatch(/PREHEAT/);
  });
});
