/**
 * The floor: a minimal counter-based scheduler. In-degree counters and a ready queue, O(V + E),
 * starts each init as soon as its last dependency resolved, optionally under a concurrency limit.
 * No features at all: this is what "close to nothing" is measured against.
 */
export function floorSchedule(n, depStart, depList, init, limit = Infinity) {
  return new Promise((resolve, reject) => {
    if (n === 0) {
      resolve();
      return;
    }
    const edges = depList.length;
    const pending = new Int32Array(n);
    const outStart = new Int32Array(n + 1);
    for (let e = 0; e < edges; e++) outStart[depList[e] + 1]++;
    for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
    const cursor = outStart.slice(0, n);
    const outList = new Int32Array(edges);
    for (let i = 0; i < n; i++) {
      pending[i] = depStart[i + 1] - depStart[i];
      for (let e = depStart[i]; e < depStart[i + 1]; e++) outList[cursor[depList[e]]++] = i;
    }
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    let running = 0;
    let done = 0;
    for (let i = 0; i < n; i++) if (pending[i] === 0) queue[tail++] = i;
    const pump = () => {
      while (head < tail && running < limit) {
        running++;
        init(queue[head++]).then(onDone, reject);
      }
    };
    const onDone = (i) => {
      running--;
      done++;
      for (let e = outStart[i]; e < outStart[i + 1]; e++) {
        const j = outList[e];
        if (--pending[j] === 0) queue[tail++] = j;
      }
      if (done === n) resolve();
      else pump();
    };
    pump();
  });
}

export async function boot(w, probe, opts) {
  const t0 = performance.now();
  await floorSchedule(w.n, w.depStart, w.depList, probe.init, opts.maxConcurrent);
  const t1 = performance.now();
  return { registerMs: 0, bootMs: t1 - t0, bootStart: t0, keep: null };
}
