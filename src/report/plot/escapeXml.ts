// XML 1.0 forbids most control characters (an ANSI colour code in an error message would make the
// whole SVG unreadable), and a lone surrogate cannot be encoded.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Allowed in XML but not safe on a terminal, where `preheat analyze plot` without -o prints the SVG:
// CR, DEL, the C1 controls, the line separators, the bidi controls. A character reference is the
// same text to an XML reader (a CR even survives, where a raw one would become a line feed).
const unsafeOnTerminal = /[\r\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(forbidden, '')
    .replace(loneSurrogate, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(unsafeOnTerminal, (char) => `&#x${char.charCodeAt(0).toString(16)};`);
}
