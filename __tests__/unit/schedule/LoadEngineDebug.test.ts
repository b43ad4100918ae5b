/**
 * The wave line of the debug log (`NODE_DEBUG=preheat`). `debugEnabled` is read once when preheat
 * is loaded, so the log is switched on here by standing in for src/debug.ts before the engine is
 * imported: the lines it would print are recorded instead.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Priority } from '../../../src/component/Priority.js';

const lines: unknown[][] = [];
jest.unstable_mockModule('../../../src/debug.js', () => ({
  debugEnabled: true,
  debug: (format: string, ...args: unknown[]) => {
    lines.push([format, ...args]);
  },
}));
const { buildEngine } = await import('../../helpers/engine.js');
const { after } = await import('../../helpers/deferred.js');

describe('the LoadEngine debug log (NODE_DEBUG=preheat)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    lines.length = 0;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should print each wave as it opens, with how many of its members are left to load', async () => {
    const h = buildEngine([
      { token: 'c1', priority: Priority.CRITICAL, load: after(10, 'c1') },
      { token: 'c2', priority: Priority.CRITICAL, load: after(10, 'c2') },
      { token: 'h', priority: Priority.HIGH, load: () => 'h' },
    ]);
    h.engine.markBootSet();
    h.engine.queueBootSet();
    h.engine.wave$(Priority.CRITICAL).subscribe();
    await jest.advanceTimersByTimeAsync(10);
    h.engine.wave$(Priority.HIGH).subscribe();
    expect(lines.filter((l) => String(l[0]).startsWith('wave'))).toEqual([
      ['wave %s: %d to load', 'CRITICAL', 2],
      ['wave %s: %d to load', 'HIGH', 1],
    ]);
  });
});
