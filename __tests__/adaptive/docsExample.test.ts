import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootOnce } from '../../examples/adaptive/learningService.js';

describe("docs/adaptive.md's example (examples/adaptive/learningService.ts)", () => {
  it('should learn over four boots what the doc says it learns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'preheat-docs-'));
    try {
      const first = await bootOnce(dir);
      expect(first.learned).toMatchObject({ profileBoots: 0, adjustments: [], durationAware: false });
      const second = await bootOnce(dir);
      expect(second.restoredComponents).toEqual(['search']);
      expect(second.learned!.adjustments).toEqual([expect.objectContaining({ name: 'search', from: 'LOW', to: 'MEDIUM' })]);
      expect(second.learned!.durationAware).toBe(true);
      expect(second.primeMs).toBeGreaterThanOrEqual(0);
      await bootOnce(dir);
      const fourth = await bootOnce(dir);
      expect(fourth.learned!.adjustments).toEqual([
        expect.objectContaining({ name: 'search', to: 'HIGH' }),
        { name: 'reports', from: 'MEDIUM', to: 'LOW', reason: 'unused for 3 boots' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
