import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { consumerFiles } from './consumers.js';
import { root, run, runNode, runNpm, runTsc, scratchDir, type RunResult } from './scratch.js';

type Exports = string | null | { readonly [key: string]: Exports };
interface PackageJson {
  readonly version: string;
  readonly main: string;
  readonly types: string;
  readonly bin: Readonly<Record<string, string>>;
  readonly exports: Readonly<Record<string, Exports>>;
}
interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
const inversify = realpathSync(createRequire(join(root, 'package.json')).resolve('inversify'));
const subpaths = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');
/** What the consumers import, in the order they list it; a new subpath export belongs here (and in consumers.ts). */
const covered = ['.', './http', './otel', './prometheus', './fastify', './express'];

/** Every file an exports entry points at, whatever the condition. */
function targets(entry: Exports): string[] {
  if (entry === null) return [];
  if (typeof entry === 'string') return [entry];
  return Object.values(entry).flatMap(targets);
}
const inPackage = (target: string): string => target.replace(/^\.\//, '');
/** The JavaScript file a subpath resolves to, in the package. */
const runtimeFile = (subpath: string): string => inPackage(targets(pkg.exports[subpath] ?? null).find((target) => target.endsWith('.js')) ?? `no .js target for ${subpath}`);

/** Fails with what the process printed, which jest's diff of a bare exit code would not show. */
function expectSuccess({ code, stderr }: RunResult): void {
  expect(code === 0 ? 'exit code 0' : `exit code ${code}:\n${stderr}`).toBe('exit code 0');
}

// Packs the build `npm test` made first (pretest); never builds itself. Installing means
// extracting into node_modules/preheat: `npm install` would fetch a copy of every dependency.
describe('the packed package (npm pack)', () => {
  let scratch: string;
  let files: string[];
  let installed: string;
  let runs: Record<'esm' | 'cjs' | 'nodenext' | 'bundler', Promise<RunResult>>;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    scratch = scratchDir('package-');
    const pack = await runNpm(['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root);
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as PackResult[];
    files = packed!.files.map((file) => file.path);

    const consumer = join(scratch, 'consumer');
    installed = join(consumer, 'node_modules/preheat');
    mkdirSync(installed, { recursive: true });
    const untar = await run('tar', ['-xzf', join(scratch, packed!.filename), '-C', installed, '--strip-components=1'], root);
    if (untar.code !== 0) throw new Error(`tar failed:\n${untar.stderr}`);
    installed = realpathSync(installed);
    for (const [name, text] of Object.entries(consumerFiles)) writeFileSync(join(consumer, name), text);

    // Side by side: the four are independent, and tsc takes most of the time.
    runs = {
      esm: runNode(['esm.mjs'], consumer),
      cjs: runNode(['cjs.cjs'], consumer),
      nodenext: runTsc(['-p', 'tsconfig.nodenext.json'], consumer),
      bundler: runTsc(['-p', 'tsconfig.bundler.json'], consumer),
    };
  }, 60_000);

  afterAll(async () => {
    // Let every child finish before its folder goes.
    if (runs !== undefined) await Promise.allSettled(Object.values(runs));
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }, 60_000);

  describe('having its file list', () => {
    it('should hold only dist/ and the package documents', () => {
      const documents = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
      expect(files.filter((path) => !path.startsWith('dist/') && !documents.includes(path))).toEqual([]);
      expect(files).toEqual(expect.arrayContaining(documents));
    });

    it('should hold no test files (source maps are fine)', () => {
      expect(files.filter((path) => /(^|\/)(__tests__|__mocks__)\/|\.(test|spec)\.(d\.)?[cm]?[jt]s(\.map)?$/.test(path))).toEqual([]);
    });

    it('should hold every target of exports, main, types and bin', () => {
      const wanted = [...Object.values(pkg.exports).flatMap(targets), pkg.main, pkg.types, ...Object.values(pkg.bin)].map(inPackage);
      expect(wanted.filter((target) => !files.includes(target))).toEqual([]);
    });

    it('should list the types condition first in every exports entry (resolvers take the first condition that matches)', () => {
      const conditions = Object.values(pkg.exports).filter((entry) => typeof entry === 'object' && entry !== null);
      expect(conditions.map((entry) => Object.keys(entry)[0])).toEqual(subpaths.map(() => 'types'));
    });
  });

  describe('having been installed in a consumer project', () => {
    it('should be used through every subpath export by the consumers', () => {
      expect(subpaths).toEqual(covered);
    });

    it('should leave inversify to the repository: no copy in the consumer', () => {
      expect(existsSync(join(installed, '..', 'inversify'))).toBe(false);
      expect(existsSync(join(installed, 'node_modules'))).toBe(false);
    });

    describe.each([
      ['an ES module (.mjs) importing', 'esm'],
      ['a CommonJS module (.cjs) requiring', 'cjs'],
    ] as const)('when %s every subpath', (_, kind) => {
      it('should use the installed build, bind into the one inversify, and answer through each adapter', async () => {
        const result = await runs[kind];
        expectSuccess(result);
        expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({
          answer: 42,
          beforeBoot: 'PREHEAT_NOT_READY',
          readyz: [503, 200],
          gated: [
            [503, 503],
            [200, 200],
          ],
          spans: ['preheat.boot', 'preheat.load answer'],
          metric: 'preheat_component_status{name="answer",status="ready"} 1',
          version: pkg.version,
          sameInversify: true,
          resolved: {
            preheat: join(installed, runtimeFile('.')),
            subpaths: covered.slice(1).map((subpath) => join(installed, runtimeFile(subpath))),
            inversifyFromConsumer: inversify,
            inversifyFromPreheat: inversify,
          },
        });
      }, 60_000);
    });

    describe.each([
      ['NodeNext, strict, from an ESM .mts and a CommonJS .cts file', 'nodenext'],
      ['Bundler (module: preserve), strict', 'bundler'],
    ] as const)('when TypeScript checks it under moduleResolution %s', (_, kind) => {
      it('should find the types of every subpath, with no error', async () => {
        const { code, stdout, stderr } = await runs[kind];
        expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
      }, 60_000);
    });
  });
});
