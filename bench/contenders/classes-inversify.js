/**
 * Plain inversify 8, its best idiomatic equivalent of a preheat class component: an `@injectable`
 * class with the same `@inject` constructor parameters, its warm-up an async `@postConstruct`
 * method, bound `toSelf().inSingletonScope()`. Boot is `getAsync` of every class (which awaits each
 * dependency's `@postConstruct` before constructing its dependents); the first `get` of every class
 * after it is what a request handler pays.
 */
import { Container, inject, injectable, postConstruct } from 'inversify';
import { depsOf, makeClasses } from '../lib/classes.js';

export async function boot(w, probe) {
  const classes = makeClasses(w, probe.init, 'warm');
  const t0 = performance.now();
  for (let i = 0; i < w.n; i++) {
    const C = classes[i];
    injectable()(C);
    const deps = depsOf(w, classes, i);
    for (let k = 0; k < deps.length; k++) inject(deps[k])(C, undefined, k);
    postConstruct()(C.prototype, 'warm', Object.getOwnPropertyDescriptor(C.prototype, 'warm'));
  }
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const container = new Container();
  for (let i = 0; i < w.n; i++) container.bind(classes[i]).toSelf().inSingletonScope();
  const t2 = performance.now();
  await Promise.all(classes.map((C) => container.getAsync(C)));
  const t3 = performance.now();
  const instances = new Array(w.n);
  for (let i = 0; i < w.n; i++) instances[i] = container.get(classes[i]);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  return { decorateMs: t1 - t0, registerMs: t2 - t1, bootMs: t3 - t2, firstGetMs: t4 - t3, cpuMs: (cpu.user + cpu.system) / 1000, bootStart: t2, classes, instances, keep: container };
}
