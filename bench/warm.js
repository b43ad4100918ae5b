#!/usr/bin/env node
/**
 * How much of a boot's cost is the fresh process? Boots the same random DAG several times in ONE
 * process (the floor, then preheat, alternately) and prints each boot's times: the first boot is
 * what `npm run bench` measures, the later ones show the same code once V8 has optimised it.
 *
 *   node bench/warm.js [n=10000] [--boots=8] [--schedule=waves|eager]
 *   node --no-opt bench/warm.js 10000      # the same without TurboFan (interpreter + baseline code)
 *
 * Not part of the harness: one process, no validation beyond the boot report's count. Imports
 * dist/: run `npm run build` first.
 */
import { Container } from 'inversify';
import { Warmup } from './lib/preheat.js';
import { definitions } from './contenders/preheat.js';
import { floorSchedule } from './contenders/floor.js';
import { makeWorkload } from './lib/workload.js';
import { table } from './lib/stats.js';

const option = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const n = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
const boots = Number(option('boots', 8));
const schedule = option('schedule', 'waves');

const w = makeWorkload({ shape: 'dag', n, seed: 42 });
const tokens = Array.from({ length: n }, (_, i) => `n${i}`);
const init = async (i) => i;

const rows = [];
for (let b = 1; b <= boots; b++) {
  const f0 = performance.now();
  await floorSchedule(w.n, w.depStart, w.depList, init);
  const floorMs = performance.now() - f0;
  const defs = definitions(w, tokens, init);
  const t0 = performance.now();
  const warmup = new Warmup(new Container(), { maxConcurrent: Infinity, schedule });
  warmup.register(defs);
  const t1 = performance.now();
  const report = await warmup.boot();
  const t2 = performance.now();
  if (report.readyCount !== n) throw new Error(`boot ${b}: ${report.readyCount} ready of ${n}`);
  rows.push([String(b), (t1 - t0).toFixed(1), (t2 - t1).toFixed(1), floorMs.toFixed(1), `${((t2 - t0) / floorMs).toFixed(1)}×`]);
}
console.log(`random DAG, N = ${n}, ${schedule}, ${boots} boots in one process (${process.execArgv.join(' ') || 'default flags'})\n`);
console.log(table(['boot', 'register ms', 'boot() ms', 'floor ms', 'total ÷ floor'], rows));
