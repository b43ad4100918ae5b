import { afterEach, describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import { ComponentStatus, InvalidOptionError, UnknownComponentError, Warmup } from '../../src/index.js';
import { checkRequires, checkRequiresTokens } from '../../src/adapters/http/index.js';
import { deferred } from '../helpers/deferred.js';

class Db {}

describe('checkRequires', () => {
  let warmups: Warmup[] = [];
  afterEach(async () => {
    await Promise.all(warmups.map((w) => w.shutdown().catch(() => undefined)));
    warmups = [];
  });
  const track = (warmup: Warmup): Warmup => (warmups.push(warmup), warmup);

  describe('having components still loading', () => {
    it('should answer 503, Retry-After 1 and name only those not usable', async () => {
      const db = deferred<Db>();
      const warmup = track(new Warmup(new Container()).register({ token: Db, load: () => db.promise }, { token: 'cache', load: () => new Map() }));
      expect(checkRequires(warmup, [Db, 'cache'])).toEqual({
        status: 503,
        headers: { 'retry-after': '1' },
        body: {
          error: 'not ready',
          notReady: [
            { component: 'Db', status: ComponentStatus.Pending, reason: 'not loaded yet' },
            { component: 'cache', status: ComponentStatus.Pending, reason: 'not loaded yet' },
          ],
        },
      });
      const booted = warmup.boot();
      await warmup.whenReady('cache');
      expect(checkRequires(warmup, [Db, 'cache'])?.body.notReady).toEqual([{ component: 'Db', status: ComponentStatus.Loading, reason: 'still loading' }]);
      expect(checkRequires(warmup, ['cache'])).toBeUndefined();
      db.resolve(new Db());
      await booted;
      expect(checkRequires(warmup, [Db, 'cache'])).toBeUndefined();
      expect(checkRequires(warmup, [])).toBeUndefined();
    });
  });

  describe('having a component that failed', () => {
    it('should answer Retry-After 5 by default, or what retryAfter says, rounded up to whole seconds', async () => {
      const warmup = track(new Warmup(new Container()).register({ token: 'payments', load: () => Promise.reject(new Error('down')) }));
      await expect(warmup.boot()).rejects.toThrow();
      const answer = checkRequires(warmup, ['payments']);
      expect(answer?.headers['retry-after']).toBe('5');
      expect(answer?.body.notReady).toEqual([{ component: 'payments', status: ComponentStatus.Failed, reason: 'failed to load' }]);
      expect(checkRequires(warmup, ['payments'], { retryAfter: 2.2 })?.headers['retry-after']).toBe('3');
      expect(checkRequires(warmup, ['payments'], { retryAfter: (list) => list.length * 30 })?.headers['retry-after']).toBe('30');
      expect(checkRequires(warmup, ['payments'], { retryAfter: () => Number.NaN })?.headers['retry-after']).toBe('1');
      expect(checkRequires(warmup, ['payments'], { retryAfter: -4 })?.headers['retry-after']).toBe('1');
    });
  });

  describe('having a degraded component', () => {
    it("should let it serve by default and refuse it with degraded: 'not-ready'", async () => {
      let healthy = true;
      const warmup = track(new Warmup(new Container()).register({ token: 'db', load: () => ({}), healthCheck: () => healthy }));
      await warmup.boot();
      const monitor = warmup.monitor({ interval: 10, failureThreshold: 1 });
      healthy = false;
      await new Promise<void>((resolve) => {
        const sub = warmup.status$('db').subscribe((s) => s === ComponentStatus.Degraded && (sub?.unsubscribe(), resolve()));
      });
      monitor.stop();
      expect(checkRequires(warmup, ['db'])).toBeUndefined();
      expect(checkRequires(warmup, ['db'], { degraded: 'not-ready' })?.body.notReady).toEqual([
        { component: 'db', status: ComponentStatus.Degraded, reason: 'its health check fails' },
      ]);
    });
  });

  describe('having a shutdown', () => {
    it('should keep serving through the drain and refuse once the component stopped', async () => {
      const warmup = track(new Warmup(new Container()).register({ token: 'db', load: () => ({}) }));
      await warmup.boot();
      const stopping = warmup.shutdown({ drainMs: 50 });
      expect(warmup.phase).toBe('stopping');
      expect(checkRequires(warmup, ['db'])).toBeUndefined();
      await stopping;
      expect(checkRequires(warmup, ['db'])).toMatchObject({ headers: { 'retry-after': '5' }, body: { notReady: [{ status: 'stopped' }] } });
    });
  });
});

describe('checkRequiresTokens', () => {
  it('should accept registered tokens and names, and throw for an unknown one or a non-list', () => {
    const warmup = new Warmup(new Container()).register({ token: Db, load: () => new Db() }, { token: 'cache', name: 'the-cache', load: () => 1 });
    expect(() => checkRequiresTokens(warmup, [Db, 'cache', 'the-cache'])).not.toThrow();
    expect(() => checkRequiresTokens(warmup, ['dbb'])).toThrow(UnknownComponentError);
    expect(() => checkRequiresTokens(warmup, 'cache', 'GET /x')).toThrow(InvalidOptionError);
  });
});
