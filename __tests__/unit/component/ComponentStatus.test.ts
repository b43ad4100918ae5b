import { describe, expect, it } from '@jest/globals';
import { ComponentStatus, isSettled, isUsable } from '../../../src/component/ComponentStatus.js';

const all = Object.values(ComponentStatus).filter((v): v is ComponentStatus => typeof v === typeof ComponentStatus.Ready);

describe('isUsable', () => {
  it('should know all seven statuses', () => expect(all).toHaveLength(7));

  it('should hold for Ready and Degraded only', () => {
    expect(all.filter(isUsable).sort()).toEqual([ComponentStatus.Ready, ComponentStatus.Degraded].sort());
  });
});

describe('isSettled', () => {
  it('should hold for every status but Pending and Loading', () => {
    expect(all.filter((s) => !isSettled(s)).sort()).toEqual([ComponentStatus.Pending, ComponentStatus.Loading].sort());
  });
});
