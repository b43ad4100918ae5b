import { describe, expect, it } from '@jest/globals';
import { terminalText } from '../../src/cli/format/terminalText.js';
import { toJson } from '../../src/cli/format/toJson.js';

describe('terminalText', () => {
  describe('having plain text', () => {
    it('should leave it as it is', () => {
      expect(terminalText('db-primary é 🙂 שלום')).toBe('db-primary é 🙂 שלום');
    });
  });

  describe('having control characters', () => {
    it.each([
      ['an ANSI colour', 'a\x1b[31mb', 'a\\x1b[31mb'],
      ['a bell and a carriage return', 'a\x07\rb', 'a\\x07\\x0db'],
      ['a line break and a tab', 'a\nb\tc', 'a\\x0ab\\x09c'],
      ['NUL and DEL', 'a\0b\x7f', 'a\\x00b\\x7f'],
      ['a C1 CSI and NEL', 'a\u009b2J\u0085', 'a\\x9b2J\\x85'],
      ['a line separator and a bidi override', 'a\u2028b\u202ec\u2066', 'a\\u2028b\\u202ec\\u2066'],
    ])('should write %s as visible escapes', (_what, text, shown) => {
      expect(terminalText(text)).toBe(shown);
    });
  });
});

describe('toJson', () => {
  describe('having strings with control characters', () => {
    const value = { name: 'a\x1b[31m\u009b\u202e\x7f\u2028', n: 1 };

    it('should give the same JSON value with none of them raw', () => {
      const text = toJson(value, 2);
      expect(JSON.parse(text)).toEqual(value);
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u202E]/);
      expect(text).toContain('\\u009b\\u202e\\u007f\\u2028');
    });
  });
});
