/**
 * The instrumented init every contender calls once a component's dependencies are resolved, and the
 * validation run after the clock stops: every init ran exactly once, and each one started only after
 * every one of its dependencies had finished. A fast wrong answer cannot win.
 */
export function createProbe(w) {
  const { n, duration } = w;
  const runs = new Uint32Array(n);
  const startSeq = new Float64Array(n).fill(-1);
  const endSeq = new Float64Array(n).fill(-1);
  const startT = duration ? new Float64Array(n) : null;
  const endT = duration ? new Float64Array(n) : null;
  const probe = { runs, startSeq, endSeq, startT, endT, seq: 0, running: 0, maxRunning: 0, init: null };

  if (duration === null) {
    // Zero-cost: `async () => value`, plus a few typed-array writes.
    probe.init = async function init(i) {
      runs[i]++;
      startSeq[i] = ++probe.seq;
      endSeq[i] = ++probe.seq;
      return i;
    };
  } else {
    probe.init = async function init(i) {
      runs[i]++;
      startSeq[i] = ++probe.seq;
      startT[i] = performance.now();
      if (++probe.running > probe.maxRunning) probe.maxRunning = probe.running;
      await new Promise((resolve) => setTimeout(resolve, duration[i]));
      probe.running--;
      endT[i] = performance.now();
      endSeq[i] = ++probe.seq;
      return i;
    };
  }
  return probe;
}

/** Problems found (empty when valid); stops listing after a few. */
export function validate(w, probe) {
  const problems = [];
  const { runs, startSeq, endSeq } = probe;
  let notOnce = 0;
  let early = 0;
  for (let i = 0; i < w.n; i++) {
    if (runs[i] !== 1) {
      if (notOnce++ < 3) problems.push(`init ${i} ran ${runs[i]} times`);
      continue;
    }
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) {
      const d = w.depList[e];
      if (!(endSeq[d] >= 0 && endSeq[d] < startSeq[i])) {
        if (early++ < 3) problems.push(`init ${i} started before its dependency ${d} finished`);
      }
    }
  }
  if (notOnce > 3) problems.push(`… ${notOnce} inits did not run exactly once`);
  if (early > 3) problems.push(`… ${early} dependency edges violated`);
  return problems;
}
