/** An element met while checking: its name and attributes (values unescaped only for &amp; etc.). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const name = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const entity = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;
const tagPattern = new RegExp(`<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const attributePattern = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');

/**
 * A small XML well-formedness check (enough for the SVG preheat writes): tags nest and close, the
 * attributes are quoted and unique, `&` only starts a known entity, no stray `<`, one root, no
 * characters XML 1.0 forbids. Throws with the position of the first problem; returns the elements.
 */
export function parseXml(text: string): XmlElement[] {
  // eslint-disable-next-line no-control-regex
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.exec(text);
  if (bad !== null) throw new Error(`forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`);
  const elements: XmlElement[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.replace(entity, '').includes('&')) throw new Error(`bare & in text near ${i}`);
    if (open.length === 0 && chunk.trim() !== '') throw new Error(`text outside the root near ${i}`);
    if (lt < 0) break;
    if (text.startsWith('<?xml', lt)) {
      i = text.indexOf('?>', lt) + 2;
      continue;
    }
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt);
      if (end < 0) throw new Error(`unclosed comment at ${lt}`);
      i = end + 3;
      continue;
    }
    tagPattern.lastIndex = lt;
    const match = tagPattern.exec(text);
    if (match === null) throw new Error(`malformed tag at ${lt}: ${text.slice(lt, lt + 60)}`);
    const [whole, closing, tag, attrs, selfClosing] = match as unknown as [string, string, string, string, string];
    if (closing === '/') {
      if (open.pop() !== tag) throw new Error(`</${tag}> at ${lt} closes nothing open`);
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, v1, v2] of attrs.matchAll(attributePattern)) {
        if (key! in attributes) throw new Error(`duplicate attribute ${key} on <${tag}> at ${lt}`);
        const value = v1 ?? v2 ?? '';
        if (value.replace(entity, '').includes('&')) throw new Error(`bare & in attribute ${key} at ${lt}`);
        attributes[key!] = value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      }
      elements.push({ name: tag, attributes });
      if (open.length === 0 && ++roots > 1) throw new Error(`second root element <${tag}> at ${lt}`);
      if (selfClosing !== '/') open.push(tag);
    }
    i = lt + whole.length;
  }
  if (open.length > 0) throw new Error(`unclosed <${open.at(-1)}>`);
  if (roots !== 1) throw new Error('no root element');
  return elements;
}

/** Elements whose class list contains `className`. */
export function withClass(elements: readonly XmlElement[], className: string): XmlElement[] {
  return elements.filter((e) => (e.attributes.class ?? '').split(/\s+/).includes(className));
}
