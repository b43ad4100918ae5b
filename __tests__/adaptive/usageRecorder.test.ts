import { describe, expect, it } from '@jest/globals';
import { UsageRecorder } from '../../src/adaptive/UsageRecorder.js';
import type { Clock } from '../../src/run/Clock.js';

function recorder(): { usage: UsageRecorder; clock: { t: number } & Clock } {
  const clock = { t: 100, now() { return this.t; } } as { t: number } & Clock;
  return { usage: new UsageRecorder(clock), clock };
}

describe('UsageRecorder: counts and first uses, its arrays made on first write', () => {
  it('nothing recorded: every count is 0 and every first use NaN, without any array of the plan size', () => {
    const { usage } = recorder();
    usage.start(1_000, false);
    expect(usage.uses(7)).toBe(0);
    expect(usage.firstUseAfterReady(7)).toBeNaN();
    expect([usage.gets.length, usage.getAsyncs.length, usage.firstUseAt.length]).toEqual([0, 0, 0]);
  });

  it('counting: the get counts exist from the start (the ready-made plans increment them in place)', () => {
    const { usage } = recorder();
    usage.start(10, true);
    expect(usage.counting).toBe(true);
    expect(usage.gets.length).toBe(10);
    usage.gets[3]!++;
    expect(usage.uses(3)).toBe(1);
  });

  it('each kind of use is recorded for its component only, and times its first use once', () => {
    const { usage, clock } = recorder();
    usage.start(5, false);
    usage.ready(); // at 100
    clock.t = 130;
    usage.getAsync(2);
    clock.t = 150;
    usage.factoryGet(2);
    usage.factoryGet(4);
    usage.firstUse(1);
    expect([usage.uses(0), usage.uses(1), usage.uses(2), usage.uses(4)]).toEqual([0, 0, 2, 1]);
    expect(usage.firstUseAfterReady(2)).toBe(30);
    expect(usage.firstUseAfterReady(4)).toBe(50);
    expect(usage.firstUseAfterReady(1)).toBe(50);
    expect(usage.firstUseAfterReady(0)).toBeNaN();
  });

  it('an index outside the plan is ignored; a new size starts over', () => {
    const { usage } = recorder();
    usage.start(2, false);
    usage.getAsync(5);
    usage.factoryGet(5);
    usage.firstUse(5);
    expect(usage.uses(5)).toBe(0);
    usage.getAsync(1);
    usage.start(3, false);
    expect(usage.uses(1)).toBe(0);
    usage.getAsync(2);
    expect(usage.uses(2)).toBe(1);
  });

  it('without timing (no profile is saved) uses are counted but first uses are not timed', () => {
    const { usage, clock } = recorder();
    let reads = 0;
    const counted = { now: () => (reads++, clock.t) } as unknown as Clock;
    const untimed = new UsageRecorder(counted);
    untimed.start(3, false, false);
    untimed.ready();
    const before = reads;
    untimed.getAsync(1);
    untimed.firstUse(2);
    expect(untimed.uses(1)).toBe(1);
    expect(untimed.firstUseAfterReady(1)).toBeNaN();
    expect(reads).toBe(before);
    void usage;
  });
});
