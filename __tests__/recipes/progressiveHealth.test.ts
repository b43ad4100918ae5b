import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Search, searchService } from '../../examples/recipes/progressiveHealth.js';
import type { OperatingMode } from '../../src/index.js';
import { settle } from '../helpers/settle.js';

describe('the progressive health recipe (docs/lifecycle.md)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should serve fewer results as the score falls, and from cache once minimal, following mode$', async () => {
    const { container, warmup } = searchService();
    await settle(warmup.boot());
    const search = container.get(Search);
    const modes: OperatingMode[] = [];
    warmup.mode$(Search).subscribe((m) => modes.push(m));
    warmup.monitor();
    expect(await search.find('tea')).toHaveLength(5);

    search.client.latencyMs = 120; // latency scores 0.6 (weight 2), errors 1: (2·0.6 + 1) / 3 ≈ 0.73
    await jest.advanceTimersByTimeAsync(5_000);
    expect(warmup.health({ tag: 'search' }).components.Search).toMatchObject({ mode: 'reduced', fresh: true });
    expect(await search.find('tea')).toEqual(['tea #1', 'tea #2']);

    search.client.latencyMs = 500; // 0.1 and errors 0.5: (0.2 + 0.5) / 3 ≈ 0.23
    search.client.errorRate = 0.5;
    await jest.advanceTimersByTimeAsync(5_000);
    expect(warmup.mode(Search)).toBe('minimal');
    expect(await search.find('tea')).toEqual(['tea (cached)']);
    expect(warmup.health().components.Search!.checks!.find((c) => c.name === 'errors')!.detail).toEqual({ errorRate: 0.5 });

    await warmup.shutdown();
    expect(modes).toEqual(['full', 'reduced', 'minimal', 'offline']);
  });
});
