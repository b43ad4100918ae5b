// JSON.stringify escapes U+0000–U+001F but leaves these raw; they can only occur inside strings.
const rawInJson = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * `JSON.stringify(value, null, indent)`, with the control characters JSON leaves raw (DEL, C1, the
 * line separators, the bidi controls) written as `\u` escapes too: the same JSON value, and safe
 * to print on a terminal (`--json`, `analyze trace` without `-o`) or to `cat` from a file.
 *
 * @example
 * ```ts
 * toJson({ name: 'a\u009b' }); // '{"name":"a\\u009b"}'
 * ```
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(rawInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
