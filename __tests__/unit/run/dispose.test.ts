import { describe, expect, it } from '@jest/globals';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { disposeDiscarded } from '../../../src/run/dispose.js';

const spec = (extra: object = {}) => toComponentSpec({ token: 'db', load: () => 1, ...extra }, 0);
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('disposeDiscarded', () => {
  it('should call the onShutdown hook with the instance and report nothing when it succeeds', async () => {
    const seen: unknown[] = [];
    const errors: unknown[] = [];
    disposeDiscarded(spec({ onShutdown: (i: unknown) => void seen.push(i) }), 'I', (e) => errors.push(e));
    await flush();
    expect(seen).toEqual(['I']);
    expect(errors).toEqual([]);
  });

  it('should report a hook that throws, synchronously or not, to onError', async () => {
    const errors: unknown[] = [];
    const sync = new Error('sync');
    const later = new Error('later');
    disposeDiscarded(spec({ onShutdown: () => { throw sync; } }), 'I', (e) => errors.push(e));
    disposeDiscarded(spec({ onShutdown: () => Promise.reject(later) }), 'I', (e) => errors.push(e));
    await flush();
    expect(errors).toEqual([sync, later]);
  });

  it('should do nothing, and report nothing, for an instance without a hook', async () => {
    const errors: unknown[] = [];
    disposeDiscarded(spec(), { onShutdown: () => undefined }, (e) => errors.push(e));
    await flush();
    expect(errors).toEqual([]);
  });
});
