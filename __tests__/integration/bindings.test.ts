import { describe, expect, it, jest } from '@jest/globals';
import { Container, inject, injectable } from 'inversify';
import { Component, ComponentNotReadyError, DuplicateComponentError, InvalidOptionError, Warmup } from '../../src/index.js';

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
