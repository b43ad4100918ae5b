import { describe, expect, it } from '@jest/globals';
import type { ServiceIdentifier } from 'inversify';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import type { ComponentSpec } from '../../../src/component/ComponentSpec.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { DuplicateComponentError } from '../../../src/errors/DuplicateComponentError.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { UnknownComponentError } from '../../../src/errors/UnknownComponentError.js';

const sameHint = 'register each component once; give it a distinct `token` or `name` if you need two.';

/** A registry and a way to make the next spec (its index follows the ones made before). */
function registry() {
  const reg = new ComponentRegistry();
  let next = 0;
  const spec = (token: ServiceIdentifier, name?: string): ComponentSpec =>
    toComponentSpec({ token, load: () => token, ...(name === undefined ? {} : { name }) }, next++);
  /** Makes the specs of a batch; a batch that fails gives its indexes back, as Registrar's base does. */
  const add = (...specs: ComponentSpec[]): DuplicateComponentError | undefined => {
    try {
      reg.addAll(specs);
    } catch (error) {
      next = reg.size;
      expect(error).toBeInstanceOf(DuplicateComponentError);
      return error as DuplicateComponentError;
    }
    return undefined;
  };
  return { reg, spec, add };
}

function expectDuplicate(error: DuplicateComponentError | undefined, component: string, what: 'token' | 'name'): void {
  expect(error?.message.split('\n')[0]).toBe(`Component '${component}' is registered twice (same ${what})`);
  expect(error?.code).toBe(ErrorCode.DuplicateComponent);
  expect(error?.component).toBe(component);
  expect(error?.hint).toBe(sameHint);
}

describe('ComponentRegistry', () => {
  it('should find components by token and by a name of their own, and -1 for anything else', () => {
    const { reg, spec, add } = registry();
    const Db = Symbol('Db');
    expect(add(spec('config'), spec(Db, 'database'))).toBeUndefined();
    expect(reg.size).toBe(2);
    expect(reg.find('config')).toBe(0);
    expect(reg.find(Db)).toBe(1);
    expect(reg.find('database')).toBe(1);
    expect(reg.find('missing')).toBe(-1);
    expect(reg.find(Symbol('Db'))).toBe(-1);
    expect(reg.find(class Missing {})).toBe(-1);
    expect(reg.indexOfToken(Db)).toBe(1);
    expect(reg.indexOfToken('database')).toBe(-1);
    expect(reg.resolve('database')).toBe(1);
    expect(() => reg.resolve(Symbol('nope'))).toThrow(UnknownComponentError);
  });

  it('should refuse a token registered before, keeping the first component under it', () => {
    const { reg, spec, add } = registry();
    const Db = Symbol('Db');
    add(spec('config'), spec(Db, 'first'));
    expectDuplicate(add(spec(Db, 'second')), 'second', 'token');
    expect(reg.size).toBe(2);
    expect(reg.find(Db)).toBe(1);
    expect(reg.indexOfToken(Db)).toBe(1);
    expect(reg.find('second')).toBe(-1);
  });

  it('should refuse a string token that another component has as its name', () => {
    const { reg, spec, add } = registry();
    add(spec(Symbol('Db'), 'db'));
    expectDuplicate(add(spec('db')), 'db', 'token');
    expect(reg.size).toBe(1);
    expect(reg.find('db')).toBe(0);
    expect(reg.indexOfToken('db')).toBe(-1);
  });

  it('should refuse a name another component has as its name, keeping that component findable by it', () => {
    const { reg, spec, add } = registry();
    add(spec(Symbol('Db'), 'db'));
    expectDuplicate(add(spec(Symbol('Other'), 'db')), 'db', 'name');
    expect(reg.size).toBe(1);
    expect(reg.find('db')).toBe(0);
  });

  it('should refuse a name that another component has as both its token and its name', () => {
    const { reg, spec, add } = registry();
    add(spec('db'));
    expectDuplicate(add(spec(Symbol('Db'), 'db')), 'db', 'name');
    expect(reg.size).toBe(1);
    expect(reg.find('db')).toBe(0);
  });

  it('should accept a name equal to another component’s token when that component is named otherwise', () => {
    const { reg, spec, add } = registry();
    const Db = Symbol('Db');
    expect(add(spec('db', 'database'), spec(Db, 'db'))).toBeUndefined();
    expect(reg.size).toBe(2);
    expect(reg.find('db')).toBe(0);
    expect(reg.find('database')).toBe(0);
    expect(reg.find(Db)).toBe(1);
  });

  it('should keep nothing of a batch that fails half-way, and take its components afterwards', () => {
    const { reg, spec, add } = registry();
    const Db = Symbol('Db');
    add(spec(Db, 'db'));
    const Cache = Symbol('Cache');
    const Queue = Symbol('Queue');
    expectDuplicate(add(spec(Cache, 'cache'), spec(Queue, 'queue'), spec(Db, 'again')), 'again', 'token');
    expect(reg.size).toBe(1);
    expect(reg.specs.map((s) => s.name)).toEqual(['db']);
    expect(reg.find(Cache)).toBe(-1);
    expect(reg.find('cache')).toBe(-1);
    expect(reg.find(Queue)).toBe(-1);
    expect(reg.find('queue')).toBe(-1);
    expect(reg.find(Db)).toBe(0);
    expect(reg.find('db')).toBe(0);
    expect(add(spec(Cache, 'cache'), spec(Queue, 'queue'))).toBeUndefined();
    expect(reg.find('cache')).toBe(1);
    expect(reg.find(Queue)).toBe(2);
  });

  it('should keep the first owner of a name when a batch fails on that name', () => {
    const { reg, spec, add } = registry();
    add(spec(Symbol('Db'), 'db'));
    expectDuplicate(add(spec(Symbol('Cache'), 'cache'), spec(Symbol('Other'), 'db')), 'db', 'name');
    expect(reg.size).toBe(1);
    expect(reg.find('db')).toBe(0);
    expect(reg.find('cache')).toBe(-1);
  });

  it('should refuse a token twice in one batch, keeping nothing of it', () => {
    const { reg, spec, add } = registry();
    const Db = Symbol('Db');
    expectDuplicate(add(spec(Db, 'one'), spec(Db, 'two')), 'two', 'token');
    expect(reg.size).toBe(0);
    expect(reg.find(Db)).toBe(-1);
    expect(reg.find('one')).toBe(-1);
  });
});
