import { describe, expect, it } from '@jest/globals';
import { defineComponent, isComponentDefinition } from '../../../src/component/ComponentDefinition.js';

describe('isComponentDefinition', () => {
  it('should hold for an object with both token and load, whatever their values', () => {
    expect(isComponentDefinition({ token: 'db', load: () => 1 })).toBe(true);
    expect(isComponentDefinition({ token: undefined, load: undefined })).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an object without load', { token: 'db' }],
    ['an object without token', { load: () => 1 }],
    ['an empty object', {}],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'db'],
    ['a number', 5],
    ['a class', class Db {}],
    ['a function carrying token and load', Object.assign(() => undefined, { token: 'db', load: () => 1 })],
  ])('should not hold for %s', (_what, item) => {
    expect(isComponentDefinition(item)).toBe(false);
  });
});

describe('defineComponent', () => {
  it('should return the very definition it is given', () => {
    const definition = { token: 'cache', load: () => new Map<string, string>() };
    expect(defineComponent(definition)).toBe(definition);
  });
});
