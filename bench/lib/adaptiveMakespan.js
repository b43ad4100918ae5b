/**
 * The makespan suite's duration-aware figures (issue 16): the same timed DAG booted twice on one
 * profile, with maxConcurrent well below the DAG's width. The first boot has no profile (FIFO ready
 * queue); the second orders each bucket by the longest remaining path, from the load times the
 * first one measured. Both run in virtual time (an RxJS-compatible scheduler driven here), so the
 * figures are the schedule's own quality, exact and free of timer noise: ratios to the lower bound
 * max(critical path, total work ÷ maxConcurrent), which no schedule can beat.
 */
import { criticalPath, makeWorkload } from './workload.js';

/** A SchedulerLike whose clock moves only when `step()` runs the next due action. */
class VirtualScheduler {
  #now = 0;
  #seq = 0;
  #queue = [];

  now() {
    return this.#now;
  }

  schedule(work, delay = 0, state) {
    const action = { due: this.#now + Math.max(0, delay), seq: this.#seq++, work, state, closed: false, unsubscribe() { this.closed = true; } };
    this.#queue.push(action);
    return action;
  }

  /** Runs the earliest live action (moving the clock to it); false when nothing is left. */
  step() {
    this.#queue = this.#queue.filter((a) => !a.closed);
    if (this.#queue.length === 0) return false;
    let best = 0;
    for (let k = 1; k < this.#queue.length; k++) {
      const a = this.#queue[k];
      const b = this.#queue[best];
      if (a.due < b.due || (a.due === b.due && a.seq < b.seq)) best = k;
    }
    const [action] = this.#queue.splice(best, 1);
    this.#now = action.due;
    action.closed = true;
    action.work.call({ schedule: (state, delay) => this.schedule(action.work, delay, state) }, action.state);
    return true;
  }
}

const drain = () => new Promise((resolve) => setImmediate(resolve));

async function runVirtual(promise, vt) {
  let done = false;
  promise.then(() => (done = true), () => (done = true));
  while (!done) {
    await drain();
    if (!done && !vt.step()) await drain();
  }
  return promise;
}

async function bootOnce(lib, w, vt, store, maxConcurrent) {
  const warmup = new lib.Warmup(new lib.Container(), { maxConcurrent, schedule: 'eager', scheduler: vt, profile: { store } });
  const defs = [];
  for (let i = 0; i < w.n; i++) {
    const dependsOn = [];
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) dependsOn.push(`n${w.depList[e]}`);
    defs.push({ token: `n${i}`, dependsOn, load: () => new Promise((resolve) => vt.schedule(() => resolve(i), w.duration[i])) });
  }
  warmup.register(defs);
  const report = await runVirtual(warmup.boot(), vt);
  await runVirtual(warmup.shutdown(), vt);
  return { makespan: report.totalLoadTimeMs, durationAware: report.learned.durationAware };
}

/** `lib`: `{ Warmup, Container }`. Resolves with one row per workload × limit. */
export async function adaptiveMakespan(lib) {
  const rows = [];
  const workloads = [
    { id: 'dag-200, 5–50 ms', spec: { shape: 'dag', n: 200, seed: 7, priorities: false, timed: { min: 5, max: 50 } } },
    { id: 'dag-200, 5–400 ms', spec: { shape: 'dag', n: 200, seed: 11, priorities: false, timed: { min: 5, max: 400 } } },
  ];
  for (const { id, spec } of workloads) {
    const w = makeWorkload(spec);
    const cp = criticalPath(w, w.duration);
    const work = w.duration.reduce((a, b) => a + b, 0);
    for (const maxConcurrent of [4, 8, 16]) {
      const store = { saved: undefined, async load() { return this.saved; }, async save(p) { this.saved = structuredClone(p); } };
      const first = await bootOnce(lib, w, new VirtualScheduler(), store, maxConcurrent);
      const second = await bootOnce(lib, w, new VirtualScheduler(), store, maxConcurrent);
      const bound = Math.max(cp, work / maxConcurrent);
      rows.push({ workload: id, maxConcurrent, criticalPathMs: cp, workOverSlotsMs: work / maxConcurrent, boundMs: bound, firstMs: first.makespan, secondMs: second.makespan, firstRatio: first.makespan / bound, secondRatio: second.makespan / bound, durationAware: second.durationAware });
    }
  }
  return rows;
}
