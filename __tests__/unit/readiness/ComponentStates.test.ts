import { describe, expect, it } from '@jest/globals';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import type { ComponentEvent } from '../../../src/readiness/ComponentEvent.js';
import { ComponentStates, historyOf, oneReadyAttempt, type StatusWatcher } from '../../../src/readiness/ComponentStates.js';

const specs = ['a', 'b', 'c'].map((token, i) => toComponentSpec({ token, name: `${token}-name`, load: () => token }, i));

function statesOf(count = specs.length): ComponentStates {
  const states = new ComponentStates(specs);
  states.grow(count);
  return states;
}

function listen(states: ComponentStates): ComponentEvent[] {
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  return events;
}

describe('ComponentStates', () => {
  describe('grow', () => {
    it('should hold no slot in any column before the first grow', () => {
      const states = new ComponentStates(specs);
      expect([states.status, states.instance, states.error, states.attempts, states.startedAt, states.finishedAt, states.abandoned].map((c) => c.length)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    });

    it('should add pending slots with nothing recorded, keeping what the earlier slots hold', () => {
      const states = statesOf(1);
      states.start(0, 5);
      states.grow(2);
      expect(states.status).toEqual([ComponentStatus.Loading, ComponentStatus.Pending, ComponentStatus.Pending]);
      expect(states.instance).toEqual([undefined, undefined, undefined]);
      expect(states.error).toEqual([undefined, undefined, undefined]);
      expect(states.attempts).toEqual([undefined, undefined, undefined]);
      expect(states.startedAt).toEqual([5, NaN, NaN]);
      expect(states.finishedAt).toEqual([NaN, NaN, NaN]);
      expect(states.abandoned).toEqual([0, 0, 0]);
    });
  });

  describe('start and settle', () => {
    it('should record the times, the instance and the error, and tell each status change once', () => {
      const states = statesOf();
      const events = listen(states);
      const error = new Error('bad');
      states.start(0, 10);
      states.settle(0, ComponentStatus.Ready, 30, 'A', undefined, 1);
      states.start(1, 10);
      states.settle(1, ComponentStatus.Failed, 40, undefined, error, 2);
      expect(states.status.slice(0, 2)).toEqual([ComponentStatus.Ready, ComponentStatus.Failed]);
      expect(states.startedAt.slice(0, 2)).toEqual([10, 10]);
      expect(states.finishedAt.slice(0, 2)).toEqual([30, 40]);
      expect(states.instance[0]).toBe('A');
      expect(states.error[1]).toBe(error);
      expect(states.usableInstance(0)).toBe('A');
      expect(states.usableInstance(1)).toBeUndefined();
      expect(events).toEqual([
        { type: 'status', name: 'a-name', token: 'a', status: ComponentStatus.Loading, previous: ComponentStatus.Pending, at: 10 },
        { type: 'status', name: 'a-name', token: 'a', status: ComponentStatus.Ready, previous: ComponentStatus.Loading, at: 30, attempt: 1 },
        { type: 'status', name: 'b-name', token: 'b', status: ComponentStatus.Loading, previous: ComponentStatus.Pending, at: 10 },
        { type: 'status', name: 'b-name', token: 'b', status: ComponentStatus.Failed, previous: ComponentStatus.Loading, at: 40, attempt: 2, error },
      ]);
    });

    it('should leave attempt, error and message out of a status event that has none (not even as undefined)', () => {
      const states = statesOf();
      const events = listen(states);
      states.start(0, 10);
      states.settle(0, ComponentStatus.Ready, 30, 'A', undefined);
      states.skip(1, 40, 'it is off');
      expect(events).toStrictEqual([
        { type: 'status', name: 'a-name', token: 'a', status: ComponentStatus.Loading, previous: ComponentStatus.Pending, at: 10 },
        { type: 'status', name: 'a-name', token: 'a', status: ComponentStatus.Ready, previous: ComponentStatus.Loading, at: 30 },
        { type: 'status', name: 'b-name', token: 'b', status: ComponentStatus.Skipped, previous: ComponentStatus.Pending, at: 40, message: 'it is off' },
      ]);
    });

    it('should tell no event when the status does not change', () => {
      const states = statesOf();
      states.settle(0, ComponentStatus.Failed, 1, undefined, new Error('first'));
      const events = listen(states);
      const second = new Error('second');
      states.settle(0, ComponentStatus.Failed, 2, undefined, second);
      expect(events).toEqual([]);
      expect(states.error[0]).toBe(second); // the data still changes
    });
  });

  describe('after a boot', () => {
    it('degrade and restore should flip Ready and Degraded, keeping the instance and the last error', () => {
      const states = statesOf();
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      const events = listen(states);
      const unhealthy = new Error('unhealthy');
      states.degrade(0, unhealthy, 5);
      expect(states.status[0]).toBe(ComponentStatus.Degraded);
      expect(states.usableInstance(0)).toBe('A');
      states.restore(0, 9);
      expect(states.status[0]).toBe(ComponentStatus.Ready);
      expect(states.error[0]).toBe(unhealthy);
      expect(events.map((e) => [e.status, e.previous, e.at, e.error])).toEqual([
        [ComponentStatus.Degraded, ComponentStatus.Ready, 5, unhealthy],
        [ComponentStatus.Ready, ComponentStatus.Degraded, 9, undefined],
      ]);
    });

    it('giveUp should fail the component for good and hand back its instance, forgotten', () => {
      const states = statesOf();
      states.settle(0, ComponentStatus.Degraded, 1, 'A', new Error('meh'), 1);
      const gone = new Error('gave up');
      expect(states.giveUp(0, gone, 7)).toBe('A');
      expect(states.status[0]).toBe(ComponentStatus.Failed);
      expect(states.instance[0]).toBeUndefined();
      expect(states.error[0]).toBe(gone);
    });

    it('release should forget the instance and keep the status', () => {
      const states = statesOf();
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      expect(states.release(0)).toBe('A');
      expect(states.instance[0]).toBeUndefined();
      expect(states.status[0]).toBe(ComponentStatus.Ready);
      expect(states.release(0)).toBeUndefined();
    });

    it('stop should make a usable component Stopped, leave a Failed one Failed, and forget instances', () => {
      const states = statesOf();
      states.settle(0, ComponentStatus.Ready, 1, 'A', undefined, 1);
      states.settle(1, ComponentStatus.Failed, 1, undefined, new Error('x'));
      const events = listen(states);
      states.stop(0, 20);
      states.stop(1, 20);
      expect(states.status.slice(0, 2)).toEqual([ComponentStatus.Stopped, ComponentStatus.Failed]);
      expect(states.instance[0]).toBeUndefined();
      expect(events.map((e) => [e.name, e.status])).toEqual([['a-name', ComponentStatus.Stopped]]);
    });

    it('reset should make a component pending again with nothing recorded but its attempts', () => {
      const states = statesOf();
      states.start(0, 1);
      states.recordAttempt(0, 1, 1, 3, 'failed', new Error('x'));
      states.settle(0, ComponentStatus.Failed, 3, undefined, new Error('x'), 1);
      states.reset(0, 8);
      expect(states.status[0]).toBe(ComponentStatus.Pending);
      expect(states.instance[0]).toBeUndefined();
      expect(states.error[0]).toBeUndefined();
      expect(states.startedAt[0]).toBeNaN();
      expect(states.finishedAt[0]).toBeNaN();
    });
  });

  describe('recordAttempt', () => {
    it('should keep no record for the usual single ready attempt while nobody listens, and build it from the times', () => {
      const states = statesOf();
      states.start(0, 10);
      states.recordAttempt(0, 1, 10, 25, 'ready');
      states.settle(0, ComponentStatus.Ready, 25, 'A', undefined, 1);
      expect(states.attempts[0]).toBe(oneReadyAttempt);
      expect(historyOf(states.attempts[0], states.startedAt[0]!, states.finishedAt[0]!)).toEqual([{ attempt: 1, startedAt: 10, finishedAt: 25, outcome: 'ready' }]);
      expect(historyOf(undefined, 0, 0)).toEqual([]);
    });

    it('should turn the single record into a list when another attempt follows (a restart)', () => {
      const states = statesOf();
      states.start(0, 10);
      states.recordAttempt(0, 1, 10, 25, 'ready');
      states.settle(0, ComponentStatus.Ready, 25, 'A', undefined, 1);
      states.recordAttempt(0, 1, 40, 45, 'failed', new Error('boom'));
      expect(states.attempts[0]).toEqual([
        { attempt: 1, startedAt: 10, finishedAt: 25, outcome: 'ready' },
        { attempt: 1, startedAt: 40, finishedAt: 45, outcome: 'failed', error: 'boom' },
      ]);
    });

    it('should record every attempt with its error message, and tell it while events$ is watched', () => {
      const states = statesOf();
      const events = listen(states);
      states.start(1, 0);
      states.recordAttempt(1, 1, 0, 5, 'timeout', new Error('too slow'));
      states.recordAttempt(1, 2, 6, 9, 'ready');
      expect(states.attempts[1]).toEqual([
        { attempt: 1, startedAt: 0, finishedAt: 5, outcome: 'timeout', error: 'too slow' },
        { attempt: 2, startedAt: 6, finishedAt: 9, outcome: 'ready' },
      ]);
      expect(events.filter((e) => e.type === 'attempt')).toEqual([
        { type: 'attempt', name: 'b-name', token: 'b', status: ComponentStatus.Loading, previous: ComponentStatus.Loading, at: 5, attempt: 1, outcome: 'timeout', startedAt: 0 },
        { type: 'attempt', name: 'b-name', token: 'b', status: ComponentStatus.Loading, previous: ComponentStatus.Loading, at: 9, attempt: 2, outcome: 'ready', startedAt: 6 },
      ]);
    });

    it('should keep a real record, with its steps and extensions, of a single ready attempt that has them', () => {
      const states = statesOf();
      const steps = [{ name: 'connect', startedAt: 0, finishedAt: 4 }];
      const extensions = [{ at: 2, deadline: 9 }];
      states.start(0, 0);
      states.recordAttempt(0, 1, 0, 5, 'ready', undefined, { steps, extensions });
      expect(states.attempts[0]).toEqual([{ attempt: 1, startedAt: 0, finishedAt: 5, outcome: 'ready', steps, extensions }]);
    });

    it('should add the detail to a failed attempt record too', () => {
      const states = statesOf();
      const steps = [{ name: 'connect', startedAt: 0, finishedAt: 4, error: 'refused' }];
      states.recordAttempt(0, 1, 0, 5, 'failed', new Error('refused'), { steps });
      expect(states.attempts[0]).toEqual([{ attempt: 1, startedAt: 0, finishedAt: 5, outcome: 'failed', error: 'refused', steps }]);
    });

    it('should keep a real record of a ready attempt that is not the first, even when it is the first recorded', () => {
      const states = statesOf();
      states.start(0, 6);
      states.recordAttempt(0, 2, 6, 9, 'ready');
      states.settle(0, ComponentStatus.Ready, 9, 'A', undefined, 2);
      expect(states.attempts[0]).toEqual([{ attempt: 2, startedAt: 6, finishedAt: 9, outcome: 'ready' }]);
      expect(historyOf(states.attempts[0], states.startedAt[0]!, states.finishedAt[0]!)).toEqual([{ attempt: 2, startedAt: 6, finishedAt: 9, outcome: 'ready' }]);
    });

    it('should keep both records when a restart ends ready again at its first attempt', () => {
      const states = statesOf();
      states.start(0, 10);
      states.recordAttempt(0, 1, 10, 25, 'ready');
      states.settle(0, ComponentStatus.Ready, 25, 'A', undefined, 1);
      states.recordAttempt(0, 1, 40, 45, 'ready');
      expect(states.attempts[0]).toEqual([
        { attempt: 1, startedAt: 10, finishedAt: 25, outcome: 'ready' },
        { attempt: 1, startedAt: 40, finishedAt: 45, outcome: 'ready' },
      ]);
    });

    it('should keep a real record of a single ready attempt while events$ is watched', () => {
      const states = statesOf();
      listen(states);
      states.recordAttempt(0, 1, 1, 2, 'ready');
      expect(states.attempts[0]).toEqual([{ attempt: 1, startedAt: 1, finishedAt: 2, outcome: 'ready' }]);
    });
  });

  describe('abandoned attempts', () => {
    it('should count them, mark their record and warn, then mark when their work finally settled', () => {
      const states = statesOf();
      const events = listen(states);
      states.recordAttempt(2, 1, 0, 10, 'timeout', new Error('t'));
      states.recordAttempt(2, 2, 11, 20, 'timeout', new Error('t'));
      states.abandon(2, 1, 10);
      expect(states.abandoned[2]).toBe(1);
      states.abandonedSettled(2, 1, 50, 'it failed 40 ms after it was abandoned');
      expect(states.abandoned[2]).toBe(0);
      expect(states.attempts[2]).toEqual([
        { attempt: 1, startedAt: 0, finishedAt: 10, outcome: 'timeout', error: 't', abandoned: true, settledLateAt: 50 },
        { attempt: 2, startedAt: 11, finishedAt: 20, outcome: 'timeout', error: 't' },
      ]);
      expect(events.filter((e) => e.type === 'warning').map((e) => [e.at, e.message])).toEqual([
        [10, 'attempt 1 was abandoned but its work is still running: it ignores its AbortSignal'],
        [50, 'the abandoned attempt 1 finished: it failed 40 ms after it was abandoned'],
      ]);
    });

    it('should mark the record of the abandoned attempt as soon as it is abandoned, and that one only', () => {
      const states = statesOf();
      states.recordAttempt(2, 1, 0, 10, 'timeout', new Error('t'));
      states.recordAttempt(2, 2, 11, 20, 'timeout', new Error('t'));
      states.abandon(2, 2, 20);
      expect(states.attempts[2]).toEqual([
        { attempt: 1, startedAt: 0, finishedAt: 10, outcome: 'timeout', error: 't' },
        { attempt: 2, startedAt: 11, finishedAt: 20, outcome: 'timeout', error: 't', abandoned: true },
      ]);
    });

    it('should leave the records alone when the abandoned attempt has none', () => {
      const states = statesOf();
      states.recordAttempt(2, 1, 0, 10, 'timeout', new Error('t'));
      states.abandon(2, 2, 20);
      expect(states.abandoned[2]).toBe(1);
      const history = states.attempts[2] as object[];
      expect(Object.keys(history)).toEqual(['0']);
      expect(history).toStrictEqual([{ attempt: 1, startedAt: 0, finishedAt: 10, outcome: 'timeout', error: 't' }]);
    });

    it('should leave the sentinel history alone', () => {
      const states = statesOf();
      states.recordAttempt(0, 1, 0, 1, 'ready');
      states.abandon(0, 1, 2);
      expect(states.attempts[0]).toBe(oneReadyAttempt);
    });
  });

  describe('health and warnings', () => {
    it('should tell a health event with its latency and error only while watched', () => {
      const states = statesOf();
      states.health(0, 1, true, 3); // nobody listens: nothing built
      const events = listen(states);
      const error = new Error('down');
      states.health(0, 5, false, 12, error);
      states.health(0, 6, true, 1);
      expect(events).toEqual([
        { type: 'health', name: 'a-name', token: 'a', status: ComponentStatus.Pending, previous: ComponentStatus.Pending, at: 5, healthy: false, latencyMs: 12, error },
        { type: 'health', name: 'a-name', token: 'a', status: ComponentStatus.Pending, previous: ComponentStatus.Pending, at: 6, healthy: true, latencyMs: 1 },
      ]);
    });
  });

  describe('warnAbout', () => {
    it('should tell a warning about the Warmup, named and tokened by what it is about', () => {
      const states = statesOf();
      states.warnAbout('preheat:profile', 1, 'nobody listens'); // nothing to tell, nothing thrown
      const events = listen(states);
      states.warnAbout('preheat:profile', 7, 'the profile was refused: it is for another graph');
      expect(events).toStrictEqual([
        { type: 'warning', name: 'preheat:profile', token: 'preheat:profile', status: ComponentStatus.Pending, previous: ComponentStatus.Pending, at: 7, message: 'the profile was refused: it is for another graph' },
      ]);
    });
  });

  describe('watch', () => {
    it('should tell no watcher, and not fail, when a component nobody watches changes while another is watched', () => {
      const states = statesOf();
      const seen: ComponentStatus[] = [];
      states.watch(1, { next: (s) => seen.push(s), complete: () => undefined });
      expect(() => states.start(0, 1)).not.toThrow();
      expect(states.status[0]).toBe(ComponentStatus.Loading);
      states.start(1, 2);
      expect(seen).toEqual([ComponentStatus.Loading]);
    });


    it('should tell one component watcher its changes only, stop after unwatch, and complete on close', () => {
      const states = statesOf();
      const seen: string[] = [];
      const watcher = (name: string): StatusWatcher => ({ next: (s) => seen.push(`${name}:${s}`), complete: () => seen.push(`${name}:done`) });
      const stopA1 = states.watch(0, watcher('a1'));
      states.watch(0, watcher('a2'));
      states.watch(1, watcher('b'));
      states.start(0, 1);
      stopA1();
      stopA1(); // twice is harmless
      states.settle(0, ComponentStatus.Ready, 2, 'A', undefined, 1);
      states.complete();
      states.complete(); // once only
      expect(seen).toEqual([`a1:${ComponentStatus.Loading}`, `a2:${ComponentStatus.Loading}`, `a2:${ComponentStatus.Ready}`, 'a2:done', 'b:done']);
    });

    it('should complete a watcher added after close at once, and complete events$', () => {
      const states = statesOf();
      let eventsDone = false;
      states.events.subscribe({ complete: () => (eventsDone = true) });
      states.complete();
      expect(eventsDone).toBe(true);
      const seen: string[] = [];
      const stop = states.watch(0, { next: () => seen.push('next'), complete: () => seen.push('done') });
      expect(seen).toEqual(['done']);
      expect(() => stop()).not.toThrow();
    });

    it('should keep the other watchers of a component when one unwatches', () => {
      const states = statesOf();
      const seen: string[] = [];
      const stop = states.watch(0, { next: () => seen.push('first'), complete: () => undefined });
      states.watch(0, { next: () => seen.push('second'), complete: () => undefined });
      stop();
      states.start(0, 1);
      expect(seen).toEqual(['second']);
    });
  });
});
