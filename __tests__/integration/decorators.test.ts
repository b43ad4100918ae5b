import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

// @Component compiled the ways users compile it today, run from the built package (dist/, through
// the package's own name), in a child process: TypeScript's standard (TC39) decorators, legacy
// decorators without emitDecoratorMetadata, and esbuild (what tsx and Vite use).
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, '__tests__/fixtures/decorators');
// Inside the repository, so `import 'preheat'` resolves to the package itself (self-reference).
const out = path.join(root, '.scratch', `decorators-${process.pid}`);

type Compiler = 'tsc standard decorators' | 'tsc legacy decorators, no metadata' | 'esbuild';

async function compile(compiler: Compiler, source: string): Promise<string> {
  if (compiler === 'esbuild') {
    return (await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })).code;
  }
  const legacy = compiler !== 'tsc standard decorators';
  return ts.transpileModule(source, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      experimentalDecorators: legacy,
      emitDecoratorMetadata: false,
      useDefineForClassFields: true,
    },
  }).outputText;
}

async function run(compiler: Compiler, fixture: string): Promise<Record<string, unknown>> {
  const js = await compile(compiler, readFileSync(path.join(fixtures, fixture), 'utf8'));
  const file = path.join(out, `${compiler.replace(/\W+/g, '-')}-${fixture.replace('.ts', '.mjs')}`);
  writeFileSync(file, js);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' }).trim()) as Record<string, unknown>;
}

beforeAll(() => {
  mkdirSync(out, { recursive: true });
});

it('types @Component for standard decorators (TypeScript without experimentalDecorators), against the published .d.ts', () => {
  const program = ts.createProgram([path.join(fixtures, 'app.ts'), path.join(fixtures, 'missing.ts')], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    experimentalDecorators: false,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(problems).toEqual([]);
}, 30_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each<Compiler>(['tsc standard decorators', 'tsc legacy decorators, no metadata', 'esbuild'])('@Component compiled by %s', (compiler) => {
  it('boots classes whose dependencies are listed in `inject`, each injected the warm singleton', async () => {
    expect(await run(compiler, 'app.ts')).toEqual({ ready: 3, connected: true, url: 'db://test', sameDb: true, metrics: true, edges: ['Db'] });
  }, 20_000);

  it('rejects at register a class whose constructor parameter cannot be known, naming it', async () => {
    expect(await run(compiler, 'missing.ts')).toEqual({ code: 'PREHEAT_MISSING_INJECTION_METADATA', component: 'Db', parameter: 0 });
  }, 20_000);
});
