import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AttemptAbort } from '../../../src/run/AttemptAbort.js';
import { InFlight } from '../../../src/run/InFlight.js';

class Entry extends AttemptAbort {
  constructor(
    readonly id: number,
    readonly log: number[],
    readonly onAbort?: () => void,
  ) {
    super();
  }
  override abort(reason: unknown): void {
    this.log.push(this.id);
    super.abort(reason);
    this.onAbort?.();
  }
}

describe('InFlight', () => {
  it('should abort everything added and not deleted, each once, with the reason', () => {
    const log: number[] = [];
    const list = new InFlight();
    const entries = [0, 1, 2, 3].map((id) => new Entry(id, log));
    for (const e of entries) list.add(e);
    list.add(entries[0]!); // twice: still once
    list.delete(entries[2]!);
    list.delete(entries[2]!); // twice: harmless
    const reason = new Error('stop');
    list.abortAll(reason);
    expect(log.sort()).toEqual([0, 1, 3]);
    expect(entries.map((e) => e.aborted)).toEqual([true, true, false, true]);
    expect(entries[0]!.reason).toBe(reason);
  });

  it('should leave an entry of another list alone', () => {
    const log: number[] = [];
    const mine = new InFlight();
    const theirs = new InFlight();
    const entry = new Entry(1, log);
    theirs.add(entry);
    mine.add(entry); // already owned
    mine.delete(entry); // not mine to delete
    mine.abortAll('x');
    expect(log).toEqual([]);
    theirs.abortAll('y');
    expect(log).toEqual([1]);
  });

  it('should reach every entry even when aborting one removes others, and not what is added meanwhile', () => {
    const log: number[] = [];
    const list = new InFlight();
    const late = new Entry(9, log);
    const b = new Entry(2, log);
    const a = new Entry(1, log, () => {
      list.delete(a);
      list.delete(b);
      list.add(late);
    });
    list.add(a);
    list.add(b);
    list.abortAll('stop');
    expect(log.sort()).toEqual([1, 2]);
    expect(late.aborted).toBe(false);
  });

  it('should relink its neighbours when an entry in the middle is deleted', () => {
    const log: number[] = [];
    const list = new InFlight();
    const [a, b, c] = [1, 2, 3].map((id) => new Entry(id, log)) as [Entry, Entry, Entry];
    list.add(a);
    list.add(b);
    list.add(c); // the list runs c, b, a
    list.delete(b); // a's predecessor is now c
    list.delete(a); // so this unlinks a from c
    list.abortAll('stop');
    expect(log).toEqual([3]);
    expect(a.aborted).toBe(false);
  });

  it('should behave as a set under any adds and deletes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(7))), (ops) => {
        const log: number[] = [];
        const list = new InFlight();
        const entries = Array.from({ length: 8 }, (_, id) => new Entry(id, log));
        const model = new Set<number>();
        for (const [add, id] of ops) {
          if (add) {
            list.add(entries[id]!);
            model.add(id);
          } else {
            list.delete(entries[id]!);
            model.delete(id);
          }
        }
        list.abortAll('x');
        expect(log.sort()).toEqual([...model].sort());
      }),
    );
  });
});

describe('AttemptAbort', () => {
  it('should make no controller until the signal is read, and hand out an already aborted one after abort', () => {
    const abort = new AttemptAbort();
    expect(abort.aborted).toBe(false);
    abort.abort('first');
    abort.abort('second');
    expect(abort.reason).toBe('first');
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe('first');
  });

  it('should abort a signal read before, once, with the first reason', () => {
    const abort = new AttemptAbort();
    const { signal } = abort;
    expect(abort.signal).toBe(signal);
    let fired = 0;
    signal.addEventListener('abort', () => fired++);
    abort.abort('why');
    abort.abort('again');
    expect(fired).toBe(1);
    expect(signal.reason).toBe('why');
  });
});
