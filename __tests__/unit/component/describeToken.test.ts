import { describe, expect, it } from '@jest/globals';
import { describeToken } from '../../../src/component/describeToken.js';

describe('describeToken', () => {
  it('should name a class by its name, and an anonymous one as such', () => {
    class Db {}
    expect(describeToken(Db)).toBe('Db');
    expect(describeToken((() => class {})())).toBe('(anonymous class)');
  });

  it('should name a symbol by its description, or print it without one', () => {
    expect(describeToken(Symbol('cache'))).toBe('cache');
    expect(describeToken(Symbol())).toBe('Symbol()');
    expect(describeToken(Symbol(''))).toBe('');
  });

  it('should print a string token as itself', () => {
    expect(describeToken('db')).toBe('db');
  });
});
