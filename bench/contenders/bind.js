/**
 * What binding costs, per token, in a fresh process: the part of `register` that is inversify's.
 * preheat binds every component as `bind(t).toDynamicValue(f).inSingletonScope()` and checks
 * `isCurrentBound(t)` first; the first `get` of each token then plans it. `Map.set` is the floor.
 * The preheat variants time `register` of N loader definitions, and the first `container.get` of
 * every token after boot, with `binding: 'lazy'` (bound on first lookup) and `'eager'`.
 */
import { Container, ContainerModule } from 'inversify';
import { Warmup } from '../lib/preheat.js';

async function preheatVariant(variant, tokens) {
  const n = tokens.length;
  const binding = variant.endsWith('-eager') ? 'eager' : 'lazy';
  const defs = tokens.map((token, i) => ({ token, load: async () => i }));
  const container = new Container();
  const warmup = new Warmup(container, { maxConcurrent: Infinity, binding });
  let t0 = performance.now();
  warmup.register(...defs);
  if (variant.startsWith('preheat-register')) return { ms: performance.now() - t0, check: warmup.report().total };
  await warmup.boot();
  let check = 0;
  t0 = performance.now();
  for (let i = 0; i < n; i++) if (container.get(tokens[i]) === i) check++;
  return { ms: performance.now() - t0, check };
}

export async function measureBind(variant, spec) {
  const n = spec.n;
  const tokens = new Array(n);
  for (let i = 0; i < n; i++) tokens[i] = `n${i}`;
  const factories = tokens.map((_, i) => () => i);
  let container;
  let t0;
  let check = 0;
  if (variant.startsWith('preheat-')) {
    const out = await preheatVariant(variant, tokens);
    if (out.check !== n) throw new Error(`only ${out.check} of ${n} tokens registered / resolved`);
    return { ms: out.ms, usPerToken: (out.ms * 1000) / n };
  }
  switch (variant) {
    case 'map-set': {
      const map = new Map();
      t0 = performance.now();
      for (let i = 0; i < n; i++) map.set(tokens[i], factories[i]);
      check = map.size;
      break;
    }
    case 'inversify-dynamic-singleton':
      container = new Container();
      t0 = performance.now();
      for (let i = 0; i < n; i++) container.bind(tokens[i]).toDynamicValue(factories[i]).inSingletonScope();
      check = container.isBound(tokens[n - 1]) ? n : 0;
      break;
    case 'inversify-constant':
      container = new Container();
      t0 = performance.now();
      for (let i = 0; i < n; i++) container.bind(tokens[i]).toConstantValue(i);
      check = container.isBound(tokens[n - 1]) ? n : 0;
      break;
    case 'inversify-module':
      container = new Container();
      t0 = performance.now();
      container.load(
        new ContainerModule(({ bind }) => {
          for (let i = 0; i < n; i++) bind(tokens[i]).toDynamicValue(factories[i]).inSingletonScope();
        }),
      );
      check = container.isBound(tokens[n - 1]) ? n : 0;
      break;
    case 'inversify-isCurrentBound':
      container = new Container();
      for (let i = 0; i < n; i++) container.bind(tokens[i]).toDynamicValue(factories[i]).inSingletonScope();
      t0 = performance.now();
      for (let i = 0; i < n; i++) if (container.isCurrentBound(tokens[i])) check++;
      break;
    case 'inversify-first-get':
      container = new Container();
      for (let i = 0; i < n; i++) container.bind(tokens[i]).toDynamicValue(factories[i]).inSingletonScope();
      t0 = performance.now();
      for (let i = 0; i < n; i++) if (container.get(tokens[i]) === i) check++;
      break;
    default:
      throw new Error(`unknown bind variant ${variant}`);
  }
  const ms = performance.now() - t0;
  if (check !== n) throw new Error(`only ${check} of ${n} tokens bound / resolved`);
  return { ms, usPerToken: (ms * 1000) / n };
}
