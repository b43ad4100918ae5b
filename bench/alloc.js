#!/usr/bin/env node
/**
 * What does preheat allocate per component? Boots the benchmark's random DAG in one process under
 * V8's sampling heap profiler, garbage included (objects collected by minor and major GCs are
 * counted), and prints bytes allocated per component by the function that allocated them.
 *
 *   node bench/alloc.js [n=20000] [--phase=all|register] [--warm=2] [--top=20] [--schedule=waves|eager]
 *
 * `--warm` boots that many graphs first in the same process, so the profile shows the steady state
 * (the first boots of a process run unoptimised code, which allocates more). Imports dist/: run
 * `npm run build` first. Inlined functions are attributed to the function they were inlined into.
 */
import { Session } from 'node:inspector/promises';
import { Container } from 'inversify';
import { Warmup } from './lib/preheat.js';
import { definitions } from './contenders/preheat.js';
import { makeWorkload } from './lib/workload.js';
import { table } from './lib/stats.js';

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const n = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 20_000);
const phase = option('phase', 'all');
const warm = Number(option('warm', 2));
const top = Number(option('top', 20));
const schedule = option('schedule', 'waves');

const w = makeWorkload({ shape: 'dag', n, seed: 42 });
const tokens = Array.from({ length: n }, (_, i) => `n${i}`);
const init = async (i) => i;

async function boot(defs, registerOnly) {
  const warmup = new Warmup(new Container(), { maxConcurrent: Infinity, schedule });
  warmup.register(defs);
  if (!registerOnly) await warmup.boot();
  return warmup;
}

for (let k = 0; k < warm; k++) await boot(definitions(w, tokens, init), false);
const defs = definitions(w, tokens, init); // user code: built before the profile starts

const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 64,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const kept = await boot(defs, phase === 'register');
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

const distUrl = new URL('../dist/', import.meta.url).href;
function whereOf(url) {
  if (url === '') return '(native)';
  if (url.startsWith(distUrl)) return `src/${url.slice(distUrl.length).replace(/\.js$/, '.ts')}`;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest.slice(0, rest[0].startsWith('@') ? 2 : 1).join('/');
  }
  return url.split('/').slice(-2).join('/');
}

const bytes = new Map();
let total = 0;
const stack = [profile.head];
while (stack.length > 0) {
  const node = stack.pop();
  const { functionName, url, lineNumber } = node.callFrame;
  const where = whereOf(url);
  const key = `${functionName || '(anonymous)'} · ${where}:${lineNumber + 1}`;
  bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  stack.push(...node.children);
}
void kept;

console.log(`${phase === 'register' ? 'register' : 'register + boot'} of a random DAG, N = ${n}, ${schedule}, after ${warm} warm-up boot(s): ${Math.round(total / n)} B allocated per component (garbage included)\n`);
console.log(
  table(
    ['function', 'where', 'B / component', 'share'],
    [...bytes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, b]) => [...k.split(' · '), String(Math.round(b / n)), `${((b / total) * 100).toFixed(1)}%`]),
  ),
);
