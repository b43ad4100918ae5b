/**
 * Seeded workload generation and the bounds the harness compares against (critical path, wave
 * bound). Graphs are compressed sparse rows: node i's dependencies are
 * depList[depStart[i] .. depStart[i + 1]), always lower indices, so index order is topological.
 */

/** mulberry32: a tiny, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const shapes = ['dag', 'chain', 'fanin', 'fanout', 'flat'];

/**
 * @param {{ shape: string, n: number, seed?: number, priorities?: boolean,
 *           timed?: { min: number, max: number } | null }} spec
 */
export function makeWorkload(spec) {
  const { shape, n } = spec;
  const seed = spec.seed ?? 1;
  const rand = mulberry32(seed);
  const depStart = new Int32Array(n + 1);
  const list = [];
  const picked = new Set();
  for (let i = 0; i < n; i++) {
    depStart[i] = list.length;
    switch (shape) {
      case 'dag': {
        // 0..4 distinct dependencies (mean 2), uniform over the lower indices.
        const k = Math.min(i, Math.floor(rand() * 5));
        picked.clear();
        while (picked.size < k) picked.add(Math.floor(rand() * i));
        for (const d of picked) list.push(d);
        break;
      }
      case 'chain':
        if (i > 0) list.push(i - 1);
        break;
      case 'fanin': // the last node depends on every other one
        if (i === n - 1) for (let d = 0; d < i; d++) list.push(d);
        break;
      case 'fanout': // every node depends on node 0
        if (i > 0) list.push(0);
        break;
      case 'flat':
        break;
      default:
        throw new Error(`unknown shape ${shape}`);
    }
  }
  depStart[n] = list.length;
  const depList = Int32Array.from(list);
  const priority = new Uint8Array(n);
  const prng = mulberry32(seed ^ 0x9e3779b9);
  for (let i = 0; i < n; i++) priority[i] = spec.priorities === false ? 2 : Math.floor(prng() * 4);
  let duration = null;
  if (spec.timed) {
    const { min, max } = spec.timed;
    const drng = mulberry32(seed ^ 0x85ebca6b);
    duration = new Float64Array(n);
    for (let i = 0; i < n; i++) duration[i] = spec.timed.fixed ?? min + Math.floor(drng() * (max - min + 1));
  }
  return { n, depStart, depList, priority, duration, edges: depList.length };
}

/** Priority after inversion: the most urgent of a node's own and all its (transitive) dependents'. */
export function effectivePriorities(w) {
  const eff = Uint8Array.from(w.priority);
  for (let i = w.n - 1; i >= 0; i--) {
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) {
      const d = w.depList[e];
      if (eff[i] < eff[d]) eff[d] = eff[i];
    }
  }
  return eff;
}

/** Longest dependency path weighted by `dur` (unlimited concurrency lower bound of the makespan). */
export function criticalPath(w, dur) {
  const finish = new Float64Array(w.n);
  let best = 0;
  for (let i = 0; i < w.n; i++) {
    let start = 0;
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) start = Math.max(start, finish[w.depList[e]]);
    finish[i] = start + dur[i];
    if (finish[i] > best) best = finish[i];
  }
  return best;
}

/**
 * The wave bound: waves run one after another (a wave starts once every earlier one has settled),
 * so the best `waves` makespan is the sum over waves of the critical path inside each wave
 * (dependencies in earlier waves are already done).
 */
export function waveBound(w, dur, eff = effectivePriorities(w)) {
  const finish = new Float64Array(w.n);
  const perWave = [0, 0, 0, 0, 0];
  for (let i = 0; i < w.n; i++) {
    let start = 0;
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) {
      const d = w.depList[e];
      if (eff[d] === eff[i]) start = Math.max(start, finish[d]);
    }
    finish[i] = start + dur[i];
    if (finish[i] > perWave[eff[i]]) perWave[eff[i]] = finish[i];
  }
  return { total: perWave.reduce((a, b) => a + b, 0), perWave };
}

/** Depth (in nodes) of the longest chain. */
export function depth(w) {
  return criticalPath(w, new Float64Array(w.n).fill(1));
}
