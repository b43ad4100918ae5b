import { describe, expect, it } from '@jest/globals';
import { formatDuration } from '../../../src/report/formatDuration.js';
import { timeTicks } from '../../../src/report/plot/timeTicks.js';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [42.4, '42ms'],
    [999.4, '999ms'],
    [999.6, '1s'],
    [1_000, '1s'],
    [1_204, '1.2s'],
    [2_716, '2.72s'],
    [59_999, '60s'],
    [60_000, '1min'],
    [125_500, '2min 5.5s'],
    [-300, '-300ms'],
    [NaN, 'NaN'],
  ])('should print %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('timeTicks', () => {
  describe('having a range', () => {
    it('should give round steps from 0 that cover it', () => {
      expect(timeTicks(2_980, 6)).toEqual([0, 500, 1_000, 1_500, 2_000, 2_500]);
      expect(timeTicks(1, 4)).toEqual([0, 0.5, 1]);
      expect(timeTicks(100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    });
  });

  describe('having an empty range', () => {
    it('should give the origin only', () => {
      expect(timeTicks(0, 5)).toEqual([0]);
    });
  });
});
