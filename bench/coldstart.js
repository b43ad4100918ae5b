#!/usr/bin/env node
/**
 * How long a small preheat service takes from process start to "ready", the ways a user can start
 * it: `node bench/coldstart.js [runs]` (default 15; `npm run build` first). docs/cold-start.md
 * quotes its output.
 *
 * The service: 15 decorated classes in three priority waves (CRITICAL config and secrets, HIGH
 * database and cache, the rest MEDIUM / LOW), zero-cost async `onWarmup`, booted and then the
 * first `container.get` of each. The figure is `performance.now()` when the service is ready,
 * which counts from the process's own time origin: node's start-up, the imports, register, boot
 * and the first gets. Fresh processes, variants interleaved run by run, medians.
 *
 * Variants:
 * - `unbundled`: the app imports `preheat` and `inversify` from node_modules, as written;
 * - `inversify`: the same 15 classes in plain inversify 8 (`@injectable` singletons, an async
 *   `@postConstruct`, `getAsync` of every class, then `get`), imported unbundled: the baseline;
 * - `bundled`: the same app bundled into one file with esbuild (preheat, inversify, RxJS and
 *   reflect-metadata inlined), as a service is often shipped;
 * - `slow-critical` / `slow-high`: the unbundled app with one 150 ms component, in CRITICAL and
 *   then in HIGH: the time to `waitForCritical()` (when a readiness gate on CRITICAL opens);
 * - with `NODE22=/path/to/node` set, `node22` and `node22-cache` run the unbundled app on that
 *   Node, the second with `NODE_COMPILE_CACHE=<dir>` (Node ≥ 22.1: V8's code cache kept on disk,
 *   filled by the unmeasured first run). The environment variable, not `module.enableCompileCache()`
 *   in the app: an ES module's static imports are loaded before its first line runs.
 *
 * Set KEEP=1 to keep the generated apps in bench/.coldstart/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, so that `import 'preheat'` resolves by self-reference to dist/ as it would
// for a user's dependency; ignored by git.
const dir = fileURLToPath(new URL('./.coldstart/', import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const node22 = process.env.NODE22;

// The 15 classes of the service; \`define\` decorates them for preheat or for plain inversify.
const services = `const Config = define('Config', Priority.CRITICAL, []);
const Secrets = define('Secrets', Priority.CRITICAL, [Config]);
const Db = define('Db', Priority.HIGH, [Config, Secrets]);
const Cache = define('Cache', Priority.HIGH, [Config]);
const Queue = define('Queue', Priority.MEDIUM, [Config]);
const Users = define('Users', Priority.MEDIUM, [Db, Cache]);
const Orders = define('Orders', Priority.MEDIUM, [Db, Queue]);
const Billing = define('Billing', Priority.MEDIUM, [Orders, Secrets]);
const Search = define('Search', Priority.MEDIUM, [Db]);
const Mailer = define('Mailer', Priority.LOW, [Queue]);
const Reports = define('Reports', Priority.LOW, [Db, Search]);
const Metrics = define('Metrics', Priority.LOW, []);
const Audit = define('Audit', Priority.LOW, [Db]);
define('Api', Priority.MEDIUM, [Users, Orders, Billing, Search]);
define('Admin', Priority.LOW, [Reports, Audit, Mailer, Metrics]);`;

const app = (slowPriority) => `import 'reflect-metadata';
import { Container, inject } from 'inversify';
import { Component, Priority, Warmup } from 'preheat';

const classes = [];
const define = (name, priority, deps) => {
  const C = { [name]: class { constructor(...deps) { this.deps = deps; } async onWarmup() {} } }[name];
  Component({ priority })(C);
  deps.forEach((d, k) => inject(d)(C, undefined, k));
  classes.push(C);
  return C;
};
${services}
${slowPriority === undefined ? '' : `const Slow = { Slow: class { async onWarmup() { await new Promise((r) => setTimeout(r, 150)); } } }.Slow;
Component({ priority: Priority.${slowPriority} })(Slow);
classes.push(Slow);`}
const container = new Container();
const warmup = new Warmup(container);
warmup.register(classes);
const boot = warmup.boot();
${slowPriority === undefined ? `await boot;
for (const C of classes) container.get(C);` : 'await warmup.waitForCritical();'}
const ready = performance.now();
${slowPriority === undefined ? '' : 'await boot;'}
process.stdout.write(JSON.stringify({ ready }) + '\\n');
`;

// Plain inversify 8, its idiomatic equivalent: @injectable singletons with an async @postConstruct,
// booted with getAsync of every class, then the first get of each.
const inversifyApp = `import 'reflect-metadata';
import { Container, inject, injectable, postConstruct } from 'inversify';

const Priority = {};
const classes = [];
const define = (name, _priority, deps) => {
  const C = { [name]: class { constructor(...deps) { this.deps = deps; } async warm() {} } }[name];
  injectable()(C);
  deps.forEach((d, k) => inject(d)(C, undefined, k));
  postConstruct()(C.prototype, 'warm', Object.getOwnPropertyDescriptor(C.prototype, 'warm'));
  classes.push(C);
  return C;
};
${services}
const container = new Container();
for (const C of classes) container.bind(C).toSelf().inSingletonScope();
await Promise.all(classes.map((C) => container.getAsync(C)));
for (const C of classes) container.get(C);
const ready = performance.now();
process.stdout.write(JSON.stringify({ ready }) + '\\n');
`;

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}app.mjs`, app());
writeFileSync(`${dir}inversify.mjs`, inversifyApp);
writeFileSync(`${dir}slow-critical.mjs`, app('CRITICAL'));
writeFileSync(`${dir}slow-high.mjs`, app('HIGH'));
await build({ entryPoints: [`${dir}app.mjs`], outfile: `${dir}app.bundle.mjs`, bundle: true, format: 'esm', platform: 'node', target: 'node20', minify: true, keepNames: true, logLevel: 'warning' });

const cacheDir = `${dir}compile-cache`;
const variants = {
  unbundled: [process.execPath, `${dir}app.mjs`],
  inversify: [process.execPath, `${dir}inversify.mjs`],
  bundled: [process.execPath, `${dir}app.bundle.mjs`],
  'slow-critical': [process.execPath, `${dir}slow-critical.mjs`],
  'slow-high': [process.execPath, `${dir}slow-high.mjs`],
  ...(node22 ? { node22: [node22, `${dir}app.mjs`], 'node22-cache': [node22, `${dir}app.mjs`, cacheDir] } : {}),
};

function once([bin, file, compileCache]) {
  const env = { ...process.env };
  if (compileCache === undefined) delete env.NODE_COMPILE_CACHE;
  else env.NODE_COMPILE_CACHE = compileCache;
  const child = spawnSync(bin, [file], { cwd: root, encoding: 'utf8', env });
  if (child.status !== 0) throw new Error(`${file}: exit ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()).ready;
}

// One unmeasured run of each warms the OS file cache (and fills the compile cache).
for (const argv of Object.values(variants)) once(argv);
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let r = 0; r < runs; r++) for (const [name, argv] of Object.entries(variants)) times[name].push(once(argv));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times.inversify);
console.log(`node ${process.version}${node22 ? ` and ${spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout.trim()}` : ''}, ${runs} fresh processes per variant, medians\n`);
console.log('| variant | process start → ready | ÷ plain inversify |');
console.log('|---|---|---|');
for (const [name, xs] of Object.entries(times)) console.log(`| ${name} | ${median(xs).toFixed(1)} ms | ${(median(xs) / base).toFixed(2)} |`);
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
