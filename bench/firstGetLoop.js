#!/usr/bin/env node
/**
 * The first `container.get` of every class after boot, alone, for instruction counts and profiles:
 *   node bench/firstGetLoop.js <inversify|preheat-lazy|preheat-eager> <n> <0|1|time|prof>
 * `0` boots and stops; `1` also runs the get loop (the loop's cost is the difference of the two,
 * e.g. under `valgrind --tool=cachegrind --cache-sim=no node --predictable`); `time` prints the
 * loop's wall and CPU ms as JSON; `prof` writes a CPU profile of the loop to $PROF_OUT
 * (default /tmp/get.cpuprofile). The same workload and decorations as the class suite
 * (contenders/classes-*.js); PREHEAT_DIST picks the build.
 */
import fs from 'node:fs';
import { Container, inject, injectable, postConstruct } from 'inversify';
import { makeWorkload } from './lib/workload.js';
import { createProbe } from './lib/probe.js';
import { depsOf, makeClasses } from './lib/classes.js';
import { Component, Warmup } from './lib/preheat.js';

const [mode, nArg, what] = process.argv.slice(2);
const n = Number(nArg);
const w = makeWorkload({ shape: 'dag', n, seed: 42 });
const probe = createProbe(w);
const container = new Container();
let classes;
if (mode === 'inversify') {
  classes = makeClasses(w, probe.init, 'warm');
  for (let i = 0; i < n; i++) {
    const C = classes[i];
    injectable()(C);
    const deps = depsOf(w, classes, i);
    for (let k = 0; k < deps.length; k++) inject(deps[k])(C, undefined, k);
    postConstruct()(C.prototype, 'warm', Object.getOwnPropertyDescriptor(C.prototype, 'warm'));
  }
  for (let i = 0; i < n; i++) container.bind(classes[i]).toSelf().inSingletonScope();
  await Promise.all(classes.map((C) => container.getAsync(C)));
} else {
  classes = makeClasses(w, probe.init, 'onWarmup');
  for (let i = 0; i < n; i++) {
    const C = classes[i];
    Component({ priority: w.priority[i] })(C);
    const deps = depsOf(w, classes, i);
    for (let k = 0; k < deps.length; k++) inject(deps[k])(C, undefined, k);
  }
  const warmup = new Warmup(container, { maxConcurrent: Infinity, binding: mode === 'preheat-eager' ? 'eager' : 'lazy' });
  warmup.register(classes);
  await warmup.boot();
  globalThis.keep = warmup;
}

function loop() {
  const instances = new Array(n);
  for (let i = 0; i < n; i++) instances[i] = container.get(classes[i]);
  return instances;
}

if (what === '1') globalThis.instances = loop();
if (what === 'time') {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  globalThis.instances = loop();
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ wallMs: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 }));
}
if (what === 'prof') {
  const inspector = await import('node:inspector/promises');
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  globalThis.instances = loop();
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(process.env.PROF_OUT ?? '/tmp/get.cpuprofile', JSON.stringify(profile));
}
