/**
 * Round helpers of the per-request suites (`bench/contenders/adapters.js`, `adapter-nest.js`): a
 * loop is `async (ops) => okCount`; rounds of a calibrated size are timed in ns per op.
 */

/** How many ops make a round of ~roundMs: doubles from `startOps` up to `maxOps`. */
export async function calibrate(loop, roundMs, { startOps = 100, maxOps = 2 ** 26 } = {}) {
  let ops = startOps;
  for (;;) {
    const t0 = performance.now();
    await loop(ops);
    const dt = performance.now() - t0;
    if (dt >= roundMs / 2 || ops >= maxOps) return Math.max(1, Math.ceil((ops * roundMs) / dt));
    ops *= 2;
  }
}

/** ns per op of one round; every op must be answered 200 (`refuser` names what refused it). */
export async function timed(loop, ops, refuser = 'the gate') {
  const t0 = process.hrtime.bigint();
  const ok = await loop(ops);
  if (ok !== ops) throw new Error(`${ops - ok} requests were not answered 200: ${refuser} refused a ready component`);
  return Number(process.hrtime.bigint() - t0) / ops;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
