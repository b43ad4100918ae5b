/**
 * NestJS 12 with class providers: `@Injectable()` classes with `@Inject(dep)` on each constructor
 * parameter and an async `onModuleInit`, all providers of one `@Module`, booted with
 * `NestFactory.createApplicationContext`; the first `app.get` of every class after it.
 *
 * NestJS constructs every provider first, then calls `onModuleInit` level by level (a provider's
 * level is one more than its deepest dependency's), awaiting a whole level before the next: a
 * dependency's hook has finished before its dependent's starts, as the probe checks, but a hook
 * also waits for unrelated providers of lower levels.
 */
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { depsOf, makeClasses } from '../lib/classes.js';

export async function boot(w, probe) {
  const classes = makeClasses(w, probe.init, 'onModuleInit');
  const t0 = performance.now();
  for (let i = 0; i < w.n; i++) {
    const C = classes[i];
    Injectable()(C);
    const deps = depsOf(w, classes, i);
    for (let k = 0; k < deps.length; k++) Inject(deps[k])(C, undefined, k);
  }
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  class AppModule {}
  Module({ providers: classes })(AppModule);
  const t2 = performance.now();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
  const t3 = performance.now();
  const instances = new Array(w.n);
  for (let i = 0; i < w.n; i++) instances[i] = app.get(classes[i]);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  return { decorateMs: t1 - t0, registerMs: t2 - t1, bootMs: t3 - t2, firstGetMs: t4 - t3, cpuMs: (cpu.user + cpu.system) / 1000, bootStart: t2, classes, instances, keep: app };
}
