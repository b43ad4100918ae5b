// What must not reach a terminal raw: C0 controls (ESC starts an ANSI sequence that recolours,
// moves the cursor or retitles the window; BEL rings; CR and LF break the line we draw), DEL, the C1
// controls (U+009B is a one-character CSI on some terminals), the line and paragraph separators,
// and the bidirectional overrides and isolates, which reorder what is shown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unsafe = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text that came from outside the CLI (a component name, an error message, a path), made safe to
 * print: each control character becomes a visible escape, `\x1b` or `\u202e`. Every terminal write
 * of such text goes through here; the CLI's own colours are added after, so they still work.
 *
 * @example
 * ```ts
 * terminalText('db\x1b[2J'); // 'db\\x1b[2J': printed as is, the screen is not cleared
 * ```
 */
export function terminalText(text: string): string {
  return text.replace(unsafe, escapeChar);
}

/** `\xNN` below U+0100, `\uNNNN` above, as JavaScript writes them. */
function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
