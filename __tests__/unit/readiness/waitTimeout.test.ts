import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler, firstValueFrom, Subject } from 'rxjs';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { ComponentNotReadyError } from '../../../src/readiness/ComponentNotReadyError.js';
import { waitTimeout } from '../../../src/readiness/waitTimeout.js';

describe('waitTimeout', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it.each([undefined, Infinity])('should set no limit when the timeout is %s', async (timeout) => {
    const source = new Subject<string>();
    let outcome: unknown = 'pending';
    void firstValueFrom(waitTimeout(source, timeout, asyncScheduler, () => ({ name: 'a', status: ComponentStatus.Loading }))).then(
      (v) => (outcome = v),
      (e: unknown) => (outcome = e),
    );
    await jest.advanceTimersByTimeAsync(2_147_483_647);
    expect(outcome).toBe('pending');
    source.next('A');
    await jest.advanceTimersByTimeAsync(0);
    expect(outcome).toBe('A');
  });

  it('should error at the timeout with ComponentNotReadyError naming the culprit and its status', async () => {
    const waiting = firstValueFrom(waitTimeout(new Subject<string>(), 30, asyncScheduler, () => ({ name: 'db', status: ComponentStatus.Loading }))).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(30);
    const error = await waiting;
    expect(error).toBeInstanceOf(ComponentNotReadyError);
    expect(error).toMatchObject({ code: ErrorCode.NotReady, component: 'db', status: ComponentStatus.Loading });
    expect((error as ComponentNotReadyError).hint).toBe('still not usable after 30 ms; check the boot report for what it waits on.');
  });

  it('should name "(none)", pending, when there is no culprit to name', async () => {
    const waiting = firstValueFrom(waitTimeout(new Subject<string>(), 5, asyncScheduler, () => undefined)).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(5);
    expect(await waiting).toMatchObject({ code: ErrorCode.NotReady, component: '(none)', status: ComponentStatus.Pending });
  });
});
