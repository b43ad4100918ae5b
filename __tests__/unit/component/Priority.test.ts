import { describe, expect, it } from '@jest/globals';
import { Priority, priorityName } from '../../../src/component/Priority.js';

describe('priorityName', () => {
  it('should name each priority', () => {
    expect([Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW, Priority.DEFERRED].map(priorityName)).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'DEFERRED']);
  });

  it('should print a number that is no priority as the number', () => {
    expect(priorityName(7 as Priority)).toBe('7');
  });
});
