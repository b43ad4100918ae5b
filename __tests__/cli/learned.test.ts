import { beforeAll, describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Priority, Warmup, type ComponentDefinition } from '../../src/index.js';
import { MemoryStore } from '../adaptive/memoryStore.js';
import { ensureBuilt, runBin, tempDir } from './runBin.js';

describe('preheat analyze learned', () => {
  let learnedFile: string;
  let plainFile: string;

  beforeAll(async () => {
    await ensureBuilt();
    const dir = tempDir();
    const store = new MemoryStore();
    const items = (): ComponentDefinition[] => [
      { token: 'search', priority: Priority.LOW, load: () => ({}) },
      { token: 'db', priority: Priority.HIGH, load: () => ({}) },
    ];
    let report;
    for (let k = 0; k < 2; k++) {
      const warmup = new Warmup(new Container(), { profile: { store } }).register(items());
      report = await warmup.boot();
      for (let n = 0; n < 8; n++) warmup.container.get('search');
      await warmup.shutdown();
    }
    learnedFile = join(dir, 'learned.json');
    writeFileSync(learnedFile, JSON.stringify(report));
    plainFile = join(dir, 'plain.json');
    writeFileSync(plainFile, JSON.stringify(await new Warmup(new Container()).register(items()).boot()));
  }, 120_000);

  it('should print each adjustment with its reason', async () => {
    const { code, stdout } = await runBin(['analyze', 'learned', learnedFile]);
    expect(code).toBe(0);
    expect(stdout).toContain('From a profile of 1 earlier boot:');
    expect(stdout).toMatch(/search: LOW → MEDIUM \(used early and often: 8 uses per boot, first \d+ ms after ready\)/);
    expect(stdout).toContain('load order: longest remaining path first');
  });

  it("should print the learned section as JSON with '--json', and say so when the boot had no profile", async () => {
    const json = await runBin(['analyze', 'learned', learnedFile, '--json']);
    expect((JSON.parse(json.stdout) as { adjustments: { name: string }[] }).adjustments.map((a) => a.name)).toEqual(['search']);
    const plain = await runBin(['analyze', 'learned', plainFile]);
    expect(plain.stdout).toContain('had no profile');
  });
});
