/**
 * `container.getAsync` of the user's own bindings, which are not components: what attaching a
 * Warmup costs the rest of the application. Variants `<side>-<kind>`: side `inversify` (no Warmup)
 * or `warmup` (a booted Warmup attached to the container), kind `constant` (`toConstantValue`) or
 * `dynamic` (`toDynamicValue(f).inSingletonScope()`, already resolved once).
 *
 * Without a Warmup the container holds the user's binding alone; with one, also a Warmup with
 * `spec.components` loader definitions, booted. (Binding those as plain inversify singletons on the
 * bare side, resolved with getAsync, made its loop ~10 % slower: inversify's resolution code had
 * seen other bindings' shapes, which has nothing to do with preheat. The bare side is the stricter
 * baseline.) Each variant runs in its own process; the loop awaits each call (as application code
 * does), after a warm-up, in rounds of ~roundMs, and reports its fastest round.
 */
import { Container } from 'inversify';
import { Warmup } from '../lib/preheat.js';

const token = 'user:config';

async function setup(variant, components) {
  const [side, kind] = variant.split('-');
  if (!['inversify', 'warmup'].includes(side) || !['constant', 'dynamic'].includes(kind)) throw new Error(`unknown getasync variant ${variant}`);
  const container = new Container();
  if (kind === 'constant') container.bind(token).toConstantValue(1);
  else container.bind(token).toDynamicValue(() => 1).inSingletonScope();
  if (side === 'warmup') {
    const warmup = new Warmup(container, { maxConcurrent: Infinity });
    warmup.register(Array.from({ length: components }, (_, k) => ({ token: `c${k}`, load: async () => k })));
    const report = await warmup.boot();
    if (report.readyCount !== components) throw new Error(`boot report says ${report.readyCount} ready of ${components}`);
  }
  await container.getAsync(token); // a singleton is resolved once before the loop, on both sides
  return async (ops) => {
    let acc = 0;
    for (let i = 0; i < ops; i++) acc += await container.getAsync(token);
    return acc;
  };
}

export async function measureGetAsync(variant, spec) {
  const loop = await setup(variant, spec.components ?? 100);
  const got = await loop(1000);
  if (got !== 1000) throw new Error(`checksum ${got} !== 1000: wrong values`);
  const roundMs = spec.roundMs ?? 5;
  const warmupMs = spec.warmupMs ?? 150;
  let sink = 0;
  for (const t0 = performance.now(); performance.now() - t0 < warmupMs; ) sink += await loop(1000);
  let ops = 1000;
  for (;;) {
    const t0 = performance.now();
    sink += await loop(ops);
    const dt = performance.now() - t0;
    if (dt >= roundMs / 2 || ops >= 2 ** 26) {
      ops = Math.ceil((ops * roundMs) / dt);
      break;
    }
    ops *= 2;
  }
  const rounds = [];
  for (let r = 0; r < (spec.rounds ?? 40); r++) {
    const t0 = process.hrtime.bigint();
    sink += await loop(ops);
    rounds.push(Number(process.hrtime.bigint() - t0) / ops);
  }
  if (!Number.isFinite(sink)) throw new Error('checksum lost');
  // As for the warm get: noise only ever adds time, so the fastest round is the estimate.
  const sorted = [...rounds].sort((a, b) => a - b);
  return { nsPerOp: sorted[0], nsMedian: sorted[sorted.length >> 1], ops, rounds };
}
