import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The docs show real code: a code block introduced by a link to a file under examples/ (the line
// just before it, e.g. "[`examples/recipes/postgresPool.ts`](../examples/recipes/postgresPool.ts):"),
// or marked `<!-- example: examples/x.ts -->`, must be an excerpt of that file: each of its lines
// appears in the file, in the same order (lines may be left out, none may be changed). The example
// files themselves are run by their own tests, so a doc block that drifts from them fails here.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  page: string;
  line: number;
  source: string;
  code: string[];
}

function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(ts|js|typescript|javascript)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const intro = before >= 0 ? lines[before]! : '';
    const marker = /<!-- example: (\S+) -->/.exec(intro);
    const link = /\]\(((?:\.\.\/|\.\/)?examples\/[^)#\s]+\.(?:ts|js|mjs))\)[^)]*:\s*$/.exec(intro);
    const target = marker?.[1] ?? link?.[1];
    if (target !== undefined) {
      const source = marker ? target : resolve(join(root, dirname(page)), target).slice(root.length + 1);
      blocks.push({ page, line: i + 1, source, code: lines.slice(i + 1, end) });
    }
    i = end;
  }
  return blocks;
}

/** The first line of `code` that is not found, in order, in `file`; undefined when all are. */
function firstMissing(code: readonly string[], file: readonly string[]): string | undefined {
  let at = 0;
  for (const line of code) {
    const wanted = line.trimEnd();
    if (wanted.trim() === '' || /^\s*(\/\/ …|\/\/ \.\.\.|…|\.\.\.)\s*$/.test(wanted)) continue;
    while (at < file.length && file[at]!.trimEnd() !== wanted) at++;
    if (at === file.length) return line;
    at++;
  }
  return undefined;
}

const blocks = pages.flatMap(blocksOf);

describe('code blocks in the docs are excerpts of the examples the tests run', () => {
  it('finds the linked blocks', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b) => [`${b.page}:${b.line} ← ${b.source}`, b] as const))('%s', (_name, block) => {
    const file = readFileSync(join(root, block.source), 'utf8').split('\n');
    expect(firstMissing(block.code, file)).toBeUndefined();
  });

  it('a changed line is caught', () => {
    const [block] = blocks;
    const file = readFileSync(join(root, block!.source), 'utf8').split('\n');
    const changed = block!.code.map((line) => (line.trim() === '' ? line : `${line} // changed`));
    expect(firstMissing(changed, file)).toBeDefined();
  });
});
