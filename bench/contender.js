#!/usr/bin/env node
/**
 * One contender on one workload, in a fresh process:
 *   node --expose-gc bench/contender.js <name> '<workload-json>'
 * Prints one line `@@RESULT {json}` on stdout. Never throws: a failure (stack overflow, false cycle,
 * validation error) is reported as `{ ok: false, error }` so the harness records it and goes on.
 *
 * Boot contenders: floor, preheat-waves, preheat-eager, avvio, inversify, nest.
 * Get contenders: get:<variant> (see contenders/get.js); bind costs: bind:<variant> (contenders/bind.js).
 */
import { makeWorkload } from './lib/workload.js';
import { createProbe, validate } from './lib/probe.js';

const bootContenders = {
  floor: () => import('./contenders/floor.js'),
  'preheat-waves': () => import('./contenders/preheat.js'),
  'preheat-eager': () => import('./contenders/preheat.js'),
  avvio: () => import('./contenders/avvio.js'),
  inversify: () => import('./contenders/inversify.js'),
  nest: () => import('./contenders/nest.js'),
};

const mb = (bytes) => bytes / 1048576;

function emit(result) {
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}

function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0].slice(0, 300)}`;
  return String(error);
}

async function runBoot(name, spec) {
  const w = makeWorkload(spec);
  const tokens = new Array(w.n);
  for (let i = 0; i < w.n; i++) tokens[i] = `n${i}`;
  const probe = createProbe(w);
  const mod = await bootContenders[name]();
  const opts = {
    maxConcurrent: spec.maxConcurrent ?? Infinity,
    schedule: name === 'preheat-eager' ? 'eager' : 'waves',
  };
  globalThis.gc?.();
  const before = process.memoryUsage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await mod.boot(w, probe, opts, tokens);
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const after = process.memoryUsage();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  globalThis.gc?.();
  const retained = process.memoryUsage().heapUsed;
  const problems = validate(w, probe);
  const result = {
    ok: problems.length === 0,
    valid: problems.length === 0,
    ...(problems.length > 0 ? { error: `invalid: ${problems.join('; ')}` } : {}),
    registerMs: out.registerMs,
    bootMs: out.bootMs,
    totalMs: out.registerMs + out.bootMs,
    wallMs: totalMs,
    // CPU time of the whole process (all threads, GC helpers included) over register + boot: less
    // sensitive than wall time to a busy neighbour, shown next to it in the raw results.
    cpuMs: (cpu.user + cpu.system) / 1000,
    usPerComponent: ((out.registerMs + out.bootMs) * 1000) / w.n,
    baselineRssMb: mb(before.rss),
    peakRssMb: mb(peakRss),
    peakRssDeltaMb: mb(peakRss - before.rss),
    heapAfterMb: mb(after.heapUsed - before.heapUsed),
    heapRetainedMb: mb(retained - before.heapUsed),
    maxRunning: probe.maxRunning,
    notes: out.notes ?? [],
  };
  if (w.duration) {
    // Times per init as observed, for the achieved-vs-bound ratios computed by the harness.
    let first = Infinity;
    let last = 0;
    for (let i = 0; i < w.n; i++) {
      first = Math.min(first, probe.startT[i]);
      last = Math.max(last, probe.endT[i]);
    }
    result.makespanMs = totalMs;
    result.observed = Array.from({ length: w.n }, (_, i) => Math.round((probe.endT[i] - probe.startT[i]) * 1000) / 1000);
    // Latency of the scheduler itself: from the boot call to the first init, and from the last
    // init's end to the boot resolving.
    result.startLatencyMs = first - out.bootStart;
    result.tailLatencyMs = out.bootStart + out.bootMs - last;
  }
  void out.keep;
  return result;
}

async function runGet(variant, spec) {
  const { measure } = await import('./contenders/get.js');
  return { ok: true, valid: true, ...(await measure(variant, spec)) };
}

async function runBind(variant, spec) {
  const { measureBind } = await import('./contenders/bind.js');
  globalThis.gc?.();
  return { ok: true, valid: true, ...(await measureBind(variant, spec)) };
}

async function main() {
  const [name, json] = process.argv.slice(2);
  if (name === undefined || json === undefined) {
    console.error("usage: node --expose-gc bench/contender.js <name> '<workload-json>'");
    process.exit(2);
  }
  const spec = JSON.parse(json);
  let result;
  try {
    if (name.startsWith('get:')) result = await runGet(name.slice(4), spec);
    else if (name.startsWith('bind:')) result = await runBind(name.slice(5), spec);
    else if (name in bootContenders) result = await runBoot(name, spec);
    else throw new Error(`unknown contender ${name}`);
  } catch (error) {
    result = { ok: false, valid: false, error: describe(error) };
  }
  emit({ name, ...result });
  // Nest and friends may keep handles open; the answer is out, so leave now.
  process.exit(0);
}

process.on('unhandledRejection', (error) => {
  emit({ name: process.argv[2], ok: false, valid: false, error: `unhandled rejection: ${describe(error)}` });
  process.exit(0);
});

await main();
