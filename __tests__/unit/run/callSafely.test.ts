import { describe, expect, it } from '@jest/globals';
import { callSafely } from '../../../src/run/callSafely.js';

describe('callSafely', () => {
  it('should turn a value, a promise and a thenable into a promise of it', async () => {
    await expect(callSafely(() => 1)).resolves.toBe(1);
    await expect(callSafely(() => Promise.resolve(2))).resolves.toBe(2);
    await expect(callSafely(() => ({ then: (r: (v: number) => void) => r(3) }) as unknown as PromiseLike<number>)).resolves.toBe(3);
  });

  it('should turn a synchronous throw into a rejection, never a throw', async () => {
    const thrown = new Error('sync');
    let result: Promise<unknown> | undefined;
    expect(() => {
      result = callSafely(() => {
        throw thrown;
      });
    }).not.toThrow();
    await expect(result).rejects.toBe(thrown);
    await expect(callSafely(() => Promise.reject(thrown))).rejects.toBe(thrown);
  });
});
