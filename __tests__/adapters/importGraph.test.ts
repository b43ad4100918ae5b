import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const src = resolve(root, 'src');

/** Every source file reachable from `entry`, and every package it names (type-only imports included). */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [resolve(src, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      const found = [target, `${target}.ts`, resolve(target, 'index.ts')].find((f) => existsSync(f) && f.endsWith('.ts'));
      if (found === undefined) throw new Error(`${relative(root, file)}: cannot resolve '${specifier}'`);
      stack.push(found);
    }
  }
  return { files: [...files].map((f) => relative(root, f)), packages };
}

const isOtel = (p: string): boolean => p.startsWith('@opentelemetry/');
const isProm = (p: string): boolean => p === 'prom-client' || p.startsWith('prom-client/');
const isWeb = (p: string): boolean => ['fastify', 'fastify-plugin', 'express'].includes(p);

describe('the import graph', () => {
  describe("having the core barrel (import 'preheat')", () => {
    const { files, packages } = importGraph('index.ts');

    it('should reach the core and its own dependencies (the walk is real)', () => {
      expect(files).toContain('src/Warmup.ts');
      expect(files.length).toBeGreaterThan(20);
      expect(packages).toContain('rxjs');
      expect(packages).toContain('inversify');
    });

    it('should reach no adapter and load neither @opentelemetry nor prom-client', () => {
      expect(files.filter((f) => f.startsWith('src/adapters/'))).toEqual([]);
      expect([...packages].filter((p) => isOtel(p) || isProm(p) || isWeb(p))).toEqual([]);
    });
  });

  describe('having each adapter barrel', () => {
    it('should load only its own optional library', () => {
      const http = importGraph('adapters/http/index.ts').packages;
      const otel = importGraph('adapters/otel/index.ts').packages;
      const prometheus = importGraph('adapters/prometheus/index.ts').packages;
      expect([...http].filter((p) => isOtel(p) || isProm(p))).toEqual([]);
      expect([...otel].filter(isOtel)).toEqual(['@opentelemetry/api']);
      expect([...otel].filter(isProm)).toEqual([]);
      expect([...prometheus].filter(isProm)).toEqual(['prom-client']);
      expect([...prometheus].filter(isOtel)).toEqual([]);
      expect([...http, ...otel, ...prometheus].filter(isWeb)).toEqual([]);
    });

    it('should load only the web framework of its own, at run time (types aside)', () => {
      const fastify = importGraph('adapters/fastify/index.ts');
      const express = importGraph('adapters/express/index.ts');
      expect([...fastify.packages].filter((p) => isWeb(p) || isOtel(p) || isProm(p)).sort()).toEqual(['fastify', 'fastify-plugin']); // fastify: types only
      expect([...express.packages].filter((p) => isWeb(p) || isOtel(p) || isProm(p))).toEqual(['express']);
      expect(fastify.files.filter((f) => f.startsWith('src/adapters/') && !f.startsWith('src/adapters/fastify/') && !f.startsWith('src/adapters/http/'))).toEqual([]);
      expect(express.files.filter((f) => f.startsWith('src/adapters/') && !f.startsWith('src/adapters/express/') && !f.startsWith('src/adapters/http/'))).toEqual([]);
    });
  });
});

// The same rule on what is published: the bundle in dist/ (built by `npm test`'s pretest).
describe('the import graph of the built package', () => {
  const dist = resolve(root, 'dist');

  /** Every bundled file reachable from `entry`, and every package it imports at run time. */
  function builtGraph(entry: string): { files: string[]; packages: Set<string> } {
    const files = new Set<string>();
    const packages = new Set<string>();
    const stack = [resolve(dist, entry)];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (files.has(file)) continue;
      files.add(file);
      const code = readFileSync(file, 'utf8');
      // Static imports and re-exports, as esbuild writes them (minified or not).
      const statements = /(?:^|[;\n}])\s*(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s*as\s+[\w$]+)?|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from\s*)?["']([^"']+)["']/g;
      for (const [, specifier] of code.matchAll(statements)) {
        if (specifier!.startsWith('.')) stack.push(resolve(dirname(file), specifier!));
        else packages.add(specifier!);
      }
    }
    return { files: [...files].map((f) => relative(dist, f)), packages };
  }

  it("should keep preheat's core apart from @opentelemetry and prom-client, and inversify external", () => {
    const core = builtGraph('index.js');
    expect(core.packages).toContain('inversify');
    expect(core.files.length).toBeGreaterThan(1); // the walk follows the chunks
    expect(core.packages).toContain('node:util');
    expect([...core.packages].filter((p) => isOtel(p) || isProm(p) || isWeb(p))).toEqual([]);
    expect([...core.packages].filter((p) => p === 'rxjs' || p.startsWith('rxjs/'))).toEqual([]); // bundled, tree-shaken
  });

  it('should load only its own optional library per adapter', () => {
    expect([...builtGraph('adapters/otel/index.js').packages].filter(isOtel)).toEqual(['@opentelemetry/api']);
    expect([...builtGraph('adapters/prometheus/index.js').packages].filter(isProm)).toEqual(['prom-client']);
    expect([...builtGraph('adapters/http/index.js').packages].filter((p) => isOtel(p) || isProm(p) || isWeb(p))).toEqual([]);
    expect([...builtGraph('adapters/fastify/index.js').packages].filter((p) => isOtel(p) || isProm(p) || isWeb(p))).toEqual(['fastify-plugin']);
    expect([...builtGraph('adapters/express/index.js').packages].filter((p) => isOtel(p) || isProm(p) || isWeb(p))).toEqual(['express']);
  });
});
