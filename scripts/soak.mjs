#!/usr/bin/env node
/**
 * Boot/shutdown soak: `npm run soak [-- --cycles N]` (default 2,000).
 *
 * Each cycle builds a Container and a Warmup the way a service does (loader definitions, a class
 * component, signal hooks, a health monitor), boots it, resolves every component through the
 * container and shuts it down. Every 10 % of the run it collects garbage and records the heap, the
 * process signal listeners and the active handles. A leak shows as a line that keeps rising; the
 * script exits 1 when the heap after GC grew by more than 8 MB from the first sample, or when a
 * listener or handle is left behind. Run `npm run build` first (the npm script does).
 */
import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Container } from 'inversify';

const { Component, Priority, Warmup } = await import(new URL('../dist/index.js', import.meta.url).href);

const cyclesArg = process.argv.indexOf('--cycles');
const cycles = Number(cyclesArg >= 0 ? process.argv[cyclesArg + 1] : 2_000);
if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (npm run soak does)');
  process.exit(2);
}

class Api {
  constructor() {
    this.routes = new Map();
  }
  onWarmup() {
    this.routes.set('/', () => 'ok');
  }
}
Component({ priority: Priority.HIGH, dependsOn: ['db'] })(Api);

async function cycle(k) {
  const container = new Container();
  const warmup = new Warmup(container, { maxConcurrent: 4 });
  warmup.register(
    { token: 'config', priority: Priority.CRITICAL, load: () => ({ url: `db://${k}` }) },
    { token: 'db', dependsOn: ['config'], load: ({ get }) => ({ url: get('config').url, rows: new Array(64).fill(k) }), healthCheck: () => true, onShutdown: () => undefined },
    { token: 'cache', required: false, load: async () => new Map([[k, k]]) },
    Api,
  );
  warmup.enableShutdownHooks({ drainMs: 0 });
  warmup.monitor({ interval: 60_000 });
  await warmup.boot();
  container.get('db');
  container.get(Api);
  await container.getAsync('cache');
  await warmup.shutdown();
}

function sample(k) {
  globalThis.gc();
  globalThis.gc();
  return {
    cycle: k,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    sigterm: process.listenerCount('SIGTERM'),
    sigint: process.listenerCount('SIGINT'),
    handles: process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length,
  };
}

const samples = [];
const every = Math.max(1, Math.floor(cycles / 10));
await cycle(-1); // first-run allocations (module code, JIT) are not a leak
await sleep(10);
samples.push(sample(0));
for (let k = 1; k <= cycles; k++) {
  await cycle(k);
  if (k % every === 0 || k === cycles) {
    await sleep(10); // let disarmed timers and closed handles go
    samples.push(sample(k));
  }
}

console.log('cycle   heap after GC   SIGTERM  SIGINT  handles');
for (const s of samples) {
  console.log(`${String(s.cycle).padStart(5)}   ${s.heapMb.toFixed(2).padStart(8)} MB   ${String(s.sigterm).padStart(7)}  ${String(s.sigint).padStart(6)}  ${String(s.handles).padStart(7)}`);
}
const first = samples[0];
const last = samples[samples.length - 1];
const problems = [];
if (last.heapMb - first.heapMb > 8) problems.push(`heap grew ${(last.heapMb - first.heapMb).toFixed(1)} MB over ${cycles} cycles`);
if (last.sigterm > first.sigterm || last.sigint > first.sigint) problems.push('signal listeners were left behind');
if (last.handles > first.handles) problems.push(`${last.handles - first.handles} handle(s) were left behind`);
if (problems.length > 0) {
  console.error(`soak: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`soak: flat over ${cycles} cycles (heap ${first.heapMb.toFixed(2)} → ${last.heapMb.toFixed(2)} MB)`);
