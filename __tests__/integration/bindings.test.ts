import { describe, expect, it, jest } from '@jest/globals';
import { Container, inject, injectable } from 'inversify';
import { Component, ComponentNotReadyError, DuplicateComponentError, InvalidOptionError, Priority, Warmup } from '../../src/index.js';

describe.each(['lazy', 'eager'] as const)('component bindings (%s)', (binding) => {
  it('container.get throws before the component is usable, hands out the warm singleton after, throws after shutdown', async () => {
    const container = new Container();
    const warmup = new Warmup(container, { binding }).register({ token: 'db', load: () => ({ pool: 1 }) });
    expect(container.isBound('db')).toBe(true);
    expect(() => container.get('db')).toThrow(ComponentNotReadyError);
    await warmup.boot();
    const db = container.get<{ pool: number }>('db');
    expect(db).toEqual({ pool: 1 });
    expect(container.get('db')).toBe(db);
    await warmup.shutdown();
    expect(() => container.get('db')).toThrow(/status: stopped/);
  });

  it('refuses a token the container already binds, keeping the user binding', () => {
    const container = new Container();
    container.bind('db').toConstantValue('mine');
    const warmup = new Warmup(container, { binding });
    expect(() => warmup.register({ token: 'db', load: () => 'theirs' })).toThrow(DuplicateComponentError);
    expect(container.get('db')).toBe('mine');
  });

  it('injects warm components into the user’s own classes', async () => {
    @Component({ name: 'Db' })
    class Db {}
    @injectable()
    class Handler {
      constructor(@inject(Db) readonly db: Db) {}
    }
    const container = new Container();
    container.bind(Handler).toSelf();
    const warmup = new Warmup(container, { binding }).register(Db);
    await warmup.boot();
    expect(container.get(Handler).db).toBe(warmup.getComponent(Db));
  });

  it('serves two Warmups on one container', async () => {
    const container = new Container();
    const a = new Warmup(container, { binding }).register({ token: 'a', load: () => 'A' });
    const b = new Warmup(container, { binding }).register({ token: 'b', load: () => 'B' });
    await Promise.all([a.boot(), b.boot()]);
    expect([container.get('a'), container.get('b')]).toEqual(['A', 'B']);
    expect(() => b.register({ token: 'a', load: () => 'again' })).toThrow();
  });
});

it('rejects an unknown binding strategy', () => {
  expect(() => new Warmup(new Container(), { binding: 'sometimes' as 'lazy' })).toThrow(InvalidOptionError);
});

it('lazy binding does no inversify binding work at register', async () => {
  const container = new Container();
  const bind = jest.spyOn(container, 'bind');
  const warmup = new Warmup(container).register({ token: 'a', load: () => 1 }, { token: 'b', dependsOn: ['a'], load: () => 2 });
  await warmup.boot();
  expect(bind).not.toHaveBeenCalled();
  expect(container.get('b')).toBe(2);
});

describe('container.getAsync on the user’s container', () => {
  it('loads a DEFERRED component and its dependencies on first use; container.get still refuses before', async () => {
    const order: string[] = [];
    const container = new Container();
    container.bind('plain').toConstantValue('p');
    const warmup = new Warmup(container).register(
      { token: 'weights', priority: Priority.DEFERRED, load: async () => (order.push('weights'), 'w') },
      { token: 'model', priority: Priority.DEFERRED, dependsOn: ['weights'], load: async ({ get }) => (order.push('model'), `m(${get<string>('weights')})`) },
    );
    await warmup.boot();
    expect(() => container.get('model')).toThrow(/getAsync/);
    const [a, b] = await Promise.all([container.getAsync('model'), container.getAsync('model')]);
    expect([a, b]).toEqual(['m(w)', 'm(w)']);
    expect(order).toEqual(['weights', 'model']);
    expect(container.get('model')).toBe('m(w)');
    await expect(container.getAsync('plain')).resolves.toBe('p'); // other bindings as in plain inversify
  });

  it('rejects with the component’s failure', async () => {
    const container = new Container();
    const warmup = new Warmup(container).register({ token: 'model', priority: Priority.DEFERRED, load: () => Promise.reject(new Error('no weights')) });
    await warmup.boot();
    await expect(container.getAsync('model')).rejects.toBeInstanceOf(ComponentNotReadyError);
  });

  it('serves the components of two Warmups on one container', async () => {
    const container = new Container();
    const a = new Warmup(container).register({ token: 'a', priority: Priority.DEFERRED, load: () => 'A' });
    const b = new Warmup(container).register({ token: 'b', priority: Priority.DEFERRED, load: () => 'B' });
    await Promise.all([a.boot(), b.boot()]);
    expect(await Promise.all([container.getAsync('a'), container.getAsync('b')])).toEqual(['A', 'B']);
  });
});
