/**
 * preheat with decorated classes, the path users take: each node a class with constructor
 * injection of its dependencies, decorated as `@Component({ priority })` with `@inject(dep)` on
 * each parameter (applied programmatically, which is what the decorators compile to), and an async
 * `onWarmup`. Register (`new Warmup` + `register`), boot, and the first `container.get` of every
 * class are timed separately; decorating is module evaluation, timed but not counted.
 */
import { Container, inject } from 'inversify';
import { Component, Warmup } from '../lib/preheat.js';
import { depsOf, makeClasses } from '../lib/classes.js';

export async function boot(w, probe, opts) {
  const classes = makeClasses(w, probe.init, 'onWarmup');
  const t0 = performance.now();
  for (let i = 0; i < w.n; i++) {
    const C = classes[i];
    Component({ priority: w.priority[i] })(C);
    const deps = depsOf(w, classes, i);
    for (let k = 0; k < deps.length; k++) inject(deps[k])(C, undefined, k);
  }
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const container = new Container();
  const warmup = new Warmup(container, { maxConcurrent: opts.maxConcurrent, binding: opts.binding ?? 'lazy' });
  warmup.register(classes);
  const t2 = performance.now();
  const report = await warmup.boot();
  const t3 = performance.now();
  const instances = new Array(w.n);
  for (let i = 0; i < w.n; i++) instances[i] = container.get(classes[i]);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  if (report.readyCount !== w.n) throw new Error(`boot report says ${report.readyCount} ready of ${w.n}`);
  return { decorateMs: t1 - t0, registerMs: t2 - t1, bootMs: t3 - t2, firstGetMs: t4 - t3, cpuMs: (cpu.user + cpu.system) / 1000, bootStart: t2, classes, instances, keep: warmup };
}
