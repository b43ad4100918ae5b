/**
 * preheat, `waves` or `eager`: loader definitions `{ token, dependsOn, load, priority }` registered
 * on a fresh inversify Container, then `boot()`. Register (spec building + binding every token in
 * inversify) and boot (plan, schedule, load, report) are timed separately.
 */
import { Container } from 'inversify';
import { Warmup } from '../lib/preheat.js';

export function definitions(w, tokens, init) {
  const defs = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const dependsOn = [];
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) dependsOn.push(tokens[w.depList[e]]);
    defs[i] = { token: tokens[i], dependsOn, load: () => init(i), priority: w.priority[i] };
  }
  return defs;
}

export async function boot(w, probe, opts, tokens) {
  const defs = definitions(w, tokens, probe.init);
  const t0 = performance.now();
  const warmup = new Warmup(new Container(), { maxConcurrent: opts.maxConcurrent, schedule: opts.schedule });
  warmup.register(defs); // an array: no argument spread, whatever N
  const t1 = performance.now();
  const report = await warmup.boot();
  const t2 = performance.now();
  if (report.readyCount !== w.n) throw new Error(`boot report says ${report.readyCount} ready of ${w.n}`);
  return { registerMs: t1 - t0, bootMs: t2 - t1, bootStart: t1, keep: warmup, notes: [] };
}
