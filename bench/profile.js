#!/usr/bin/env node
/**
 * Where does a contender's time go? Runs one child under `node --cpu-prof` and prints the functions
 * with the most self time, and preheat's own functions (mapped back to src/) by self and by total
 * (inclusive) time.
 *
 *   node bench/profile.js [contender=preheat-waves] [shape=dag] [n=100000] [--top=25] [--interval=200]
 *
 * Imports dist/ directly: run `npm run build` first (or `npm run bench` once, which builds).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { table } from './lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const option = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const [contender = 'preheat-waves', shape = 'dag', n = '100000'] = args;
const top = option('top', 25);
const interval = option('interval', 200);

const dir = mkdtempSync(path.join(os.tmpdir(), 'preheat-prof-'));
const spec = JSON.stringify({ shape, n: Number(n), seed: 42 });
const child = spawnSync(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${interval}`, path.join(here, 'contender.js'), contender, spec],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const line = child.stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
if (line === undefined) {
  console.error(child.stderr);
  process.exit(1);
}
const result = JSON.parse(line.slice(9));
if (!result.ok) console.log(`the run failed: ${result.error}\n`);
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
rmSync(dir, { recursive: true, force: true });

// Self time per node, from the samples and their time deltas.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const self = new Map();
let total = 0;
for (let k = 0; k < profile.samples.length; k++) {
  const dt = (profile.timeDeltas[k] ?? 0) / 1000;
  self.set(profile.samples[k], (self.get(profile.samples[k]) ?? 0) + dt);
  total += dt;
}

const distUrl = `${pathToFileURL(path.join(root, 'dist')).href}/`;

function where(frame) {
  const url = frame.url ?? '';
  if (url.startsWith(distUrl)) return `src/${url.slice(distUrl.length).replace(/\.js$/, '.ts')}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
  }
  if (url.includes('/bench/')) return `bench/${url.split('/bench/')[1]}`;
  return url.startsWith('node:') ? url : url === '' ? '(native)' : path.basename(url);
}
const keyOf = (node) => `${node.callFrame.functionName || '(anonymous)'} · ${where(node.callFrame)}`;

const selfBy = new Map();
const inclusiveBy = new Map();
for (const [id, ms] of self) {
  const key = keyOf(byId.get(id));
  selfBy.set(key, (selfBy.get(key) ?? 0) + ms);
  // Inclusive: each function on the sample's stack once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = keyOf(byId.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusiveBy.set(k, (inclusiveBy.get(k) ?? 0) + ms);
  }
}
const pct = (ms) => `${((ms / total) * 100).toFixed(1)}%`;
const rows = (map, filter) =>
  [...map]
    .filter(([k]) => filter(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => [...k.split(' · '), ms.toFixed(1), pct(ms)]);

console.log(
  `${contender} on ${shape} N = ${n}: register ${result.registerMs?.toFixed(1)} ms, boot ${result.bootMs?.toFixed(1)} ms, peak RSS growth ${result.peakRssDeltaMb?.toFixed(0)} MB (under the profiler); ${total.toFixed(0)} ms sampled in the whole process\n`,
);
console.log('Self time, every function:\n');
console.log(table(['function', 'where', 'self ms', 'share'], rows(selfBy, () => true)));
console.log('\nSelf time, preheat src/ only:\n');
console.log(table(['function', 'where', 'self ms', 'share'], rows(selfBy, (k) => k.includes('· src/'))));
console.log('\nTotal (inclusive) time, preheat src/ only:\n');
console.log(table(['function', 'where', 'total ms', 'share'], rows(inclusiveBy, (k) => k.includes('· src/'))));
console.log('\nSelf time by package / file:\n');
const byWhere = new Map();
for (const [k, ms] of selfBy) {
  const w = k.split(' · ')[1];
  byWhere.set(w, (byWhere.get(w) ?? 0) + ms);
}
console.log(
  table(
    ['where', 'self ms', 'share'],
    [...byWhere]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([w, ms]) => [w, ms.toFixed(1), pct(ms)]),
  ),
);
