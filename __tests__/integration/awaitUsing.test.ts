import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentStatus, Warmup } from '../../src/index.js';

// This file is compiled by TypeScript (ts-jest, target ES2022), which lowers `await using` to its
// own helper: the test checks what users get, the language feature over preheat's Symbol.asyncDispose.
describe('await using', () => {
  describe('having a Warmup declared with await using', () => {
    it('should shut it down, dependents first, when the block is left', async () => {
      const stopped: string[] = [];
      let warmup: Warmup | undefined;
      {
        await using scoped = new Warmup(new Container()).register(
          { token: 'db', load: () => 'db', onShutdown: () => void stopped.push('db') },
          { token: 'api', dependsOn: ['db'], load: () => 'api', onShutdown: () => void stopped.push('api') },
        );
        warmup = scoped;
        await scoped.boot();
        expect(stopped).toEqual([]);
      }
      expect(stopped).toEqual(['api', 'db']);
      expect(warmup.phase).toBe('stopped');
      expect(warmup.getStatus('db')).toBe(ComponentStatus.Stopped);
    });

    it('should shut it down when the block throws, and let the error through', async () => {
      let warmup: Warmup | undefined;
      const run = async (): Promise<void> => {
        await using scoped = new Warmup(new Container()).register({ token: 'db', load: () => 'db' });
        warmup = scoped;
        await scoped.boot();
        throw new Error('request failed');
      };
      await expect(run()).rejects.toThrow('request failed');
      expect(warmup!.phase).toBe('stopped');
    });
  });

  it('should be the shutdown itself (idempotent with an explicit shutdown)', async () => {
    const warmup = new Warmup(new Container()).register({ token: 'db', load: () => 'db' });
    await warmup.boot();
    const shutdown = warmup.shutdown();
    await warmup[Symbol.asyncDispose]();
    expect(warmup.phase).toBe('stopped');
    await expect(shutdown).resolves.toMatchObject({ stopped: expect.any(Array) as unknown });
  });
});
