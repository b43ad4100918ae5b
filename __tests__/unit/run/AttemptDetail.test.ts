import { describe, expect, it } from '@jest/globals';
import { AttemptDetail } from '../../../src/run/AttemptDetail.js';

describe('AttemptDetail', () => {
  it('should count no extension before the deadline first moves, then each move', () => {
    const detail = new AttemptDetail();
    expect(detail.extensionCount).toBe(0);
    expect(Number.isNaN(detail.deadline)).toBe(true);
    detail.extended(10, 150, 100, 50, false);
    detail.extended(20, 200, 100, 100, true);
    expect(detail.extensionCount).toBe(2);
    expect([detail.deadline, detail.armMs, detail.armFrom]).toEqual([200, 100, 100]);
  });

  it('should seal to nothing without steps or extensions', () => {
    expect(new AttemptDetail().seal(5)).toEqual({});
  });

  it('should seal steps alone without an extensions field', () => {
    const detail = new AttemptDetail();
    const first = detail.open('connect', -1, undefined, 1);
    detail.close(first, 4, false);
    const sealed = detail.seal(9);
    expect(sealed).toEqual({ steps: [{ name: 'connect', startedAt: 1, finishedAt: 4 }] });
    expect(Object.keys(sealed)).toEqual(['steps']);
  });

  it('should seal extensions alone, and beside steps', () => {
    const detail = new AttemptDetail();
    detail.extended(10, 150, 100, 50, true);
    expect(detail.seal(20)).toEqual({ extensions: [{ at: 10, deadline: 150, capped: true }] });
    detail.open('late', -1, { kind: 'io' }, 12);
    expect(detail.seal(20)).toEqual({
      steps: [{ name: 'late', startedAt: 12, finishedAt: 20, tags: { kind: 'io' }, unfinished: true }],
      extensions: [{ at: 10, deadline: 150, capped: true }],
    });
  });

  it('should keep the first end of a step, with the error of a failure', () => {
    const detail = new AttemptDetail();
    const parent = detail.open('outer', -1, undefined, 0);
    const child = detail.open('inner', parent, undefined, 1);
    detail.close(child, 2, true, new Error('boom'));
    detail.close(child, 3, false);
    detail.close(7, 3, false); // no such step: ignored
    expect(detail.seal(4).steps).toEqual([
      { name: 'outer', startedAt: 0, finishedAt: 4, unfinished: true },
      { name: 'inner', startedAt: 1, finishedAt: 2, parent: 0, error: 'boom' },
    ]);
  });
});
