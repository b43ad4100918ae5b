import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ensureBuilt } from '../cli/runBin.js';
import { root, runNode, scratchDir } from '../package/scratch.js';

/** The sections of docs/lifecycle.md whose examples are whole programs (with their own asserts). */
const sections = ['Steps', 'Extending the timeout', 'Conditional components', '`await using`'];

/** The ```ts blocks of one `## heading` section. */
function examplesOf(markdown: string, heading: string): string[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/lifecycle.md has no section '${heading}'`);
  const end = markdown.indexOf('\n## ', start + 1);
  const body = markdown.slice(start, end < 0 ? undefined : end);
  return [...body.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** The example as the built package's user would run it: compiled by TypeScript, `preheat` being dist/. */
function compile(source: string): string {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true },
  });
  return outputText.replace(/from 'preheat'/g, `from '${pathToFileURL(join(root, 'dist/index.js')).href}'`);
}

describe('the examples of docs/lifecycle.md (steps, extensions, conditional components, await using)', () => {
  const markdown = readFileSync(join(root, 'docs/lifecycle.md'), 'utf8');

  beforeAll(async () => {
    await ensureBuilt();
  }, 120_000);

  for (const heading of sections) {
    it(`should run the example of '${heading}' to its end`, async () => {
      const examples = examplesOf(markdown, heading);
      expect(examples.length).toBeGreaterThan(0);
      const dir = scratchDir('docs-');
      try {
        for (const [k, example] of examples.entries()) {
          const file = join(dir, `example${k}.mjs`);
          writeFileSync(file, compile(example));
          const { code, stderr } = await runNode([file], dir);
          expect(stderr).toBe('');
          expect(code).toBe(0);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 30_000);
  }
});
