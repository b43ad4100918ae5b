/**
 * preheat's definitions path on the class suite's graph: one loader definition per node,
 * `{ token, dependsOn, priority, load }`, whose loader does what preheat does for a class by hand:
 * `new C(...deps)` from `get(dep)` of each dependency, then the same async warm-up. The classes are
 * the class suite's, undecorated, so both paths build the same objects and call the same init.
 */
import { Container } from 'inversify';
import { Warmup } from '../lib/preheat.js';
import { makeClasses } from '../lib/classes.js';

export async function boot(w, probe, opts, tokens) {
  const classes = makeClasses(w, probe.init, 'onWarmup');
  const defs = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const C = classes[i];
    const dependsOn = [];
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) dependsOn.push(tokens[w.depList[e]]);
    defs[i] = {
      token: tokens[i],
      dependsOn,
      priority: w.priority[i],
      load: async ({ get }) => {
        const instance = new C(...dependsOn.map((d) => get(d)));
        await instance.onWarmup();
        return instance;
      },
    };
  }
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const container = new Container();
  const warmup = new Warmup(container, { maxConcurrent: opts.maxConcurrent, binding: opts.binding ?? 'lazy' });
  warmup.register(defs);
  const t2 = performance.now();
  const report = await warmup.boot();
  const t3 = performance.now();
  const instances = new Array(w.n);
  for (let i = 0; i < w.n; i++) instances[i] = container.get(tokens[i]);
  const t4 = performance.now();
  const cpu = process.cpuUsage(cpu1);
  if (report.readyCount !== w.n) throw new Error(`boot report says ${report.readyCount} ready of ${w.n}`);
  return { decorateMs: 0, registerMs: t2 - t1, bootMs: t3 - t2, firstGetMs: t4 - t3, cpuMs: (cpu.user + cpu.system) / 1000, bootStart: t2, classes, instances, keep: warmup };
}
