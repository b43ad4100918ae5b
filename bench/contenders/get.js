/**
 * Warm `get` throughput. Each variant runs in its own process so no call site sees another variant's
 * shapes. Tokens are classes or symbols, one token or 1,024 rotating ones; the value of token k is k
 * (summed, so the loop cannot be dropped).
 */
import { Container } from 'inversify';
import { Warmup } from '../lib/preheat.js';


function makeTokens(kind, count) {
  const tokens = [];
  for (let k = 0; k < count; k++) {
    if (kind === 'symbol') tokens.push(Symbol(`t${k}`));
    else tokens.push(class {});
  }
  return tokens;
}

/** Returns `(ops) => checksum`, the hot loop of the variant (set up, validated, ready to run). */
async function setup(variant, tokens) {
  const mask = tokens.length - 1;
  switch (variant) {
    case 'map': {
      const map = new Map(tokens.map((t, k) => [t, k]));
      return (ops) => {
        let acc = 0;
        for (let i = 0; i < ops; i++) acc += map.get(tokens[i & mask]);
        return acc;
      };
    }
    case 'inversify-constant': {
      const container = new Container();
      tokens.forEach((t, k) => container.bind(t).toConstantValue(k));
      return (ops) => {
        let acc = 0;
        for (let i = 0; i < ops; i++) acc += container.get(tokens[i & mask]);
        return acc;
      };
    }
    case 'inversify-singleton': {
      const container = new Container();
      tokens.forEach((t, k) => container.bind(t).toDynamicValue(() => k).inSingletonScope());
      return (ops) => {
        let acc = 0;
        for (let i = 0; i < ops; i++) acc += container.get(tokens[i & mask]);
        return acc;
      };
    }
    case 'preheat-get':
    case 'preheat-getComponent': {
      const container = new Container();
      const warmup = new Warmup(container, { maxConcurrent: Infinity });
      warmup.register(...tokens.map((t, k) => ({ token: t, name: `t${k}`, load: async () => k })));
      await warmup.boot();
      if (variant === 'preheat-get') {
        return (ops) => {
          let acc = 0;
          for (let i = 0; i < ops; i++) acc += container.get(tokens[i & mask]);
          return acc;
        };
      }
      return (ops) => {
        let acc = 0;
        for (let i = 0; i < ops; i++) acc += warmup.getComponent(tokens[i & mask]);
        return acc;
      };
    }
    default:
      throw new Error(`unknown get variant ${variant}`);
  }
}

export async function measure(variant, spec) {
  const tokens = makeTokens(spec.kind, spec.tokens);
  const loop = await setup(variant, tokens);
  // Validate: the sum over whole rotations equals what the values say.
  const rotation = tokens.length;
  const expected = (rotation * (rotation - 1)) / 2;
  const got = loop(rotation);
  if (got !== expected) throw new Error(`checksum ${got} !== ${expected}: wrong values`);
  // Warm up (let the JIT optimise the loop and inline the get), then size a round to ~roundMs.
  const roundMs = spec.roundMs ?? 5;
  const warmupMs = spec.warmupMs ?? 150;
  let sink = 0;
  for (const t0 = performance.now(); performance.now() - t0 < warmupMs; ) sink += loop(rotation * 64);
  let ops = rotation * 64;
  for (;;) {
    const t0 = performance.now();
    sink += loop(ops);
    const dt = performance.now() - t0;
    if (dt >= roundMs / 2 || ops >= 2 ** 30) {
      ops = Math.ceil((ops * roundMs) / dt / rotation) * rotation;
      break;
    }
    ops *= 2;
  }
  const rounds = [];
  for (let r = 0; r < (spec.rounds ?? 40); r++) {
    const t0 = process.hrtime.bigint();
    sink += loop(ops);
    rounds.push(Number(process.hrtime.bigint() - t0) / ops);
  }
  if (!Number.isFinite(sink)) throw new Error('checksum lost');
  // Noise on a shared machine only ever adds time (descheduling, a neighbour's cache traffic), so
  // the fastest of many short rounds is the stable estimate of the intrinsic cost.
  const sorted = [...rounds].sort((a, b) => a - b);
  const nsPerOp = sorted[0];
  return { nsPerOp, nsMedian: sorted[sorted.length >> 1], mopsPerSec: 1e3 / nsPerOp, ops, rounds };
}
