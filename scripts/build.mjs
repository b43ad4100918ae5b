// The build: `npm run build`. Two steps, both into dist/:
//
// 1. esbuild bundles each public entry point (the barrel, each adapter subpath, the CLI and its
//    demo) into ES modules with shared chunks, so every class exists once however many entries a
//    program imports. inversify, reflect-metadata and the adapters' libraries stay external: the
//    user's inversify is the one preheat binds into, never a second copy. RxJS is bundled,
//    tree-shaken to the operators preheat uses.
// 2. tsc writes the .d.ts files (declarations only), so the published types are the compiler's.
//
// Why a bundle: importing a package costs per file loaded, not per byte. tsc's one file per module
// and RxJS's CommonJS entry (which loads all of rxjs/internal) made `import('preheat')` take about
// twice `import('inversify')` in a fresh process; see docs/performance.md and docs/cold-start.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    'adapters/http/index': 'src/adapters/http/index.ts',
    'adapters/otel/index': 'src/adapters/otel/index.ts',
    'adapters/prometheus/index': 'src/adapters/prometheus/index.ts',
    'adapters/fastify/index': 'src/adapters/fastify/index.ts',
    'adapters/express/index': 'src/adapters/express/index.ts',
    'cli/main': 'src/cli/main.ts',
    'cli/demo/main': 'src/cli/demo/main.ts',
    'cli/demo/assistant': 'src/cli/demo/assistant.ts',
  },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  // 'neutral' + these conditions pick RxJS's ES build (tree-shakeable) over its CommonJS one,
  // which Node's 'node' condition would select.
  platform: 'neutral',
  conditions: ['es2015', 'import', 'default'],
  mainFields: ['es2015', 'module', 'main'],
  target: 'node20',
  external: ['node:*', 'inversify', 'reflect-metadata', 'reflect-metadata/*', '@opentelemetry/api', 'prom-client', 'fastify', 'fastify-plugin', 'express'],
  // Error classes read their name from new.target.name: names must survive.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const tsc = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
