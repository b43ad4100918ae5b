/**
 * What a *class* component costs to boot, next to a loader definition, in one fresh process:
 * `node bench/classes.js [N]` (default 2,000). The main harness (bench/run.js) measures loader
 * definitions only; a class goes through inversify's own construction (planning, a binding in a
 * child container, @postConstruct), which this script shows separately.
 *
 * Prints µs per component for N classes with no dependencies, N classes in a chain (dependsOn), and
 * N definitions, each booted once with maxConcurrent Infinity (run `npm run build` first).
 */
import 'reflect-metadata';
import { Container } from 'inversify';

const { Component, Warmup } = await import(new URL('../dist/index.js', import.meta.url).href);
const n = Number(process.argv[2] ?? 2_000);

function makeClasses(chain) {
  const classes = [];
  for (let i = 0; i < n; i++) {
    const C = { [`C${i}`]: class {} }[`C${i}`];
    Component({ dependsOn: chain && i > 0 ? [classes[i - 1]] : [] })(C);
    classes.push(C);
  }
  return classes;
}

async function time(label, items) {
  const warmup = new Warmup(new Container(), { maxConcurrent: Infinity });
  const t0 = performance.now();
  warmup.register(items);
  const t1 = performance.now();
  const report = await warmup.boot();
  const t2 = performance.now();
  if (report.readyCount !== n) throw new Error(`${label}: ${report.readyCount} of ${n} ready`);
  console.log(`${label.padEnd(24)} register ${((t1 - t0) * 1000 / n).toFixed(1).padStart(6)} µs  boot ${((t2 - t1) * 1000 / n).toFixed(1).padStart(6)} µs per component`);
}

await time('classes, no edges', makeClasses(false));
await time('classes, a chain', makeClasses(true));
await time('definitions, no edges', Array.from({ length: n }, (_, i) => ({ token: `d${i}`, load: async () => i })));
