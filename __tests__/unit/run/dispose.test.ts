import { describe, expect, it } from '@jest/globals';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { disposeDiscarded } from '../../../src/run/dispose.js';

const spec = (extra: object = {}) => toComponentSpec({ token: 'db', load: () => 1, ...extra }, 3);
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The warnings recorded on the states, as [index, at, message]. */
function recorder() {
  const warnings: [number, number, string][] = [];
  return { warnings, states: { warn: (index: number, at: number, message: string) => void warnings.push([index, at, message]) }, clock: { now: () => 42 } };
}

describe('disposeDiscarded', () => {
  it('should call the onShutdown hook with the instance and warn of nothing when it succeeds', async () => {
    const seen: unknown[] = [];
    const { warnings, states, clock } = recorder();
    disposeDiscarded(spec({ onShutdown: (i: unknown) => void seen.push(i) }), 'I', states, clock);
    await flush();
    expect(seen).toEqual(['I']);
    expect(warnings).toEqual([]);
  });

  it('should record a hook that throws, synchronously or not, as a warning on the component, at the clock’s time', async () => {
    const { warnings, states, clock } = recorder();
    disposeDiscarded(spec({ onShutdown: () => { throw new Error('sync'); } }), 'I', states, clock);
    disposeDiscarded(spec({ onShutdown: () => Promise.reject(new Error('later')) }), 'I', states, clock);
    await flush();
    expect(warnings).toEqual([
      [3, 42, 'a hook failed while discarding an instance: sync'],
      [3, 42, 'a hook failed while discarding an instance: later'],
    ]);
  });

  it('should do nothing, and warn of nothing, for an instance without a hook', async () => {
    const { warnings, states, clock } = recorder();
    disposeDiscarded(spec(), { onShutdown: () => undefined }, states, clock);
    await flush();
    expect(warnings).toEqual([]);
  });
});
