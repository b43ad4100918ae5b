import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, root, runBin, tempDir } from './runBin.js';

/** The boot time the demo prints, in ms. */
function bootMs(stdout: string): number {
  const [, value, unit] = /^Boot finished in ([\d.]+)(ms|s):/m.exec(stdout) ?? [];
  return Number(value) * (unit === 's' ? 1_000 : 1);
}

describe('the demo, run twice (npm start; npm start)', () => {
  let out: string;
  let first: Awaited<ReturnType<typeof runBin>>;
  let second: Awaited<ReturnType<typeof runBin>>;

  beforeAll(async () => {
    await ensureBuilt();
    out = tempDir();
    const script = join(root, 'examples/assistant/main.js');
    first = await runBin(['--out', out], { script });
    second = await runBin(['--out', out], { script });
  }, 120_000);

  it('should record a profile and snapshots on the first run', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('No usable profile yet: this boot records one.');
    expect(readdirSync(join(out, '.preheat')).sort()).toEqual(['cache', 'profile.json']);
    expect(readdirSync(join(out, '.preheat', 'cache'))).toEqual(['nlp_engine.snapshot.json']);
  });

  it('should print what the second boot learned: adjusted priorities, a restored snapshot, a preloaded component', () => {
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    const { stdout } = second;
    expect(stdout).toContain('From a profile of 1 earlier boot:');
    expect(stdout).toMatch(/^ {2}proactive_suggestions: LOW → MEDIUM \(used early and often: 6 uses per boot, first \d+ ms after ready\)$/m);
    expect(stdout).toMatch(/^ {2}pattern_learner: LOW → DEFERRED \(unused for 1 boot\)$/m);
    expect(stdout).toContain('load order: longest remaining path first');
    expect(stdout).toMatch(/^ {2}restored from a snapshot instead of warming up: nlp_engine$/m);
    expect(stdout).toMatch(/^▸ predicted 'vision' is next: preloading large_ml_model in the background$/m);
  });

  it('should finish the second boot sooner', () => {
    // nlp_engine restored (650 → 60 ms on the critical chain) and pattern_learner deferred: ~0.5 s of ~3 s
    expect(bootMs(second.stdout)).toBeLessThan(bootMs(first.stdout) - 250);
  });
});
