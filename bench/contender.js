#!/usr/bin/env node
/**
 * One contender on one workload, in a fresh process:
 *   node --expose-gc bench/contender.js <name> '<workload-json>'
 * Prints one line `@@RESULT {json}` on stdout. Never throws: a failure (stack overflow, false cycle,
 * validation error) is reported as `{ ok: false, error }` so the harness records it and goes on.
 *
 * Boot contenders: floor, preheat-waves, preheat-eager, avvio, inversify, nest.
 * Get contenders: get:<variant> (see contenders/get.js); bind costs: bind:<variant> (contenders/bind.js).
 * Decorated classes: classes:<variant> (contenders/classes-<variant>.js); the first get after boot:
 * firstget:<variant> (the same contenders, see lib/names.js); getAsync of the user's own bindings:
 * getasync:<variant> (contenders/getasync.js); a route with and without a readiness gate:
 * adapters:<variant> (contenders/adapters.js). The import suite runs contenders/import.js directly.
 */
import { makeWorkload } from './lib/workload.js';
import { createProbe, validate } from './lib/probe.js';
import { checkInstances } from './lib/classes.js';
import { firstGetContender } from './lib/names.js';

const bootContenders = {
  floor: () => import('./contenders/floor.js'),
  'preheat-waves': () => import('./contenders/preheat.js'),
  'preheat-eager': () => import('./contenders/preheat.js'),
  avvio: () => import('./contenders/avvio.js'),
  inversify: () => import('./contenders/inversify.js'),
  nest: () => import('./contenders/nest.js'),
};

const classContenders = {
  preheat: () => import('./contenders/classes-preheat.js'),
  definitions: () => import('./contenders/classes-definitions.js'),
  inversify: () => import('./contenders/classes-inversify.js'),
  nest: () => import('./contenders/classes-nest.js'),
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

/**
 * A class contender: decorate (module evaluation in an application: timed, not counted), register,
 * boot, then the first get of every class. `total` is register + boot + first get. Validated
 * after the clock stops: the probe's order check, and every instance holding its dependencies'.
 */
async function runClasses(variant, spec, binding) {
  const w = makeWorkload(spec);
  const tokens = new Array(w.n);
  for (let i = 0; i < w.n; i++) tokens[i] = `n${i}`;
  const probe = createProbe(w);
  const mod = await classContenders[variant]();
  globalThis.gc?.();
  const before = process.memoryUsage();
  const out = await mod.boot(w, probe, { maxConcurrent: Infinity, ...(binding === undefined ? {} : { binding }) }, tokens);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const problems = [...validate(w, probe), ...checkInstances(w, out.classes, out.instances)];
  const totalMs = out.registerMs + out.bootMs + out.firstGetMs;
  void out.keep;
  return {
    ok: problems.length === 0,
    valid: problems.length === 0,
    ...(problems.length > 0 ? { error: `invalid: ${problems.join('; ')}` } : {}),
    decorateMs: out.decorateMs,
    registerMs: out.registerMs,
    bootMs: out.bootMs,
    firstGetMs: out.firstGetMs,
    totalMs,
    // The whole process's CPU (all threads) over register + boot + first get, as the contender read it.
    cpuMs: out.cpuMs,
    usPerComponent: (totalMs * 1000) / w.n,
    peakRssMb: mb(peakRss),
    peakRssDeltaMb: mb(peakRss - before.rss),
  };
}

async function runGetAsync(variant, spec) {
  const { measureGetAsync } = await import('./contenders/getasync.js');
  return { ok: true, valid: true, ...(await measureGetAsync(variant, spec)) };
}

async function runAdapters(variant, spec) {
  const { measureAdapters } = await import('./contenders/adapters.js');
  return { ok: true, valid: true, ...(await measureAdapters(variant, spec)) };
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
    else if (name.startsWith('classes:') && name.slice(8) in classContenders) result = await runClasses(name.slice(8), spec);
    else if (name.startsWith('firstget:') && name.slice(9) in firstGetContender) {
      const { contender, binding } = firstGetContender[name.slice(9)];
      result = await runClasses(contender, spec, binding);
    } else if (name.startsWith('getasync:')) result = await runGetAsync(name.slice(9), spec);
    else if (name.startsWith('adapters:')) result = await runAdapters(name.slice(9), spec);
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
