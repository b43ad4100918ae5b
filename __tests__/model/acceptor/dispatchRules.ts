import type { ComponentModel } from './ComponentModel.js';

/** What the scheduling rules read. */
export interface DispatchView {
  readonly comps: readonly ComponentModel[];
  readonly running: number;
  readonly memory: number;
  readonly maxConcurrent: number;
  readonly budget: number;
  readonly schedule: 'waves' | 'eager';
  /**
   * Log position of the entry the current cascade began with (a settle, a getAsync, the boot's
   * start). What that cascade queues, and the waves it opens, become startable in an order the
   * docs leave open, so a start inside the cascade may come before something it queued.
   */
  readonly cascade: number;
}

/**
 * Wave `p` is open when every boot member of an earlier wave has settled (README: "in waves mode a
 * wave starts when the previous one has settled"); in eager mode every wave is open.
 */
export function waveOpen(view: DispatchView, p: number): boolean {
  if (view.schedule === 'eager') return true;
  return view.comps.every((x) => !x.inBoot || x.wave >= p || x.settled);
}

/** The on-demand bucket (0) is never held by the wave barrier (lifecycle: "Deferred loading"). */
export function bucketOpen(view: DispatchView, bucket: number): boolean {
  return bucket === 0 || waveOpen(view, bucket - 1);
}

/**
 * Whether `x` fits now: `memoryInUse + memoryMb ≤ memoryBudgetMb`, or it is bigger than the whole
 * budget and nothing runs (architecture: "runs alone").
 */
export function fits(view: DispatchView, x: ComponentModel): boolean {
  if (view.budget === Infinity) return true;
  const m = x.r.memoryMb;
  return view.memory + m <= view.budget || (m > view.budget && view.running === 0);
}

/** Is `z` strictly ahead of `x` in the ready queue: a more urgent bucket, or the same one queued earlier. */
function ahead(z: NonNullable<ComponentModel['queued']>, x: NonNullable<ComponentModel['queued']>): boolean {
  // Components queued by the same log entry (one settle, the boot's start, one getAsync) are queued
  // in an order the docs leave open, so neither is ahead of the other.
  if (z.group === x.group) return false;
  return z.bucket < x.bucket || (z.bucket === x.bucket && z.group < x.group);
}

/** Why `x` may not start now, or undefined if it may. Checked when its status becomes loading. */
export function startProblem(view: DispatchView, x: ComponentModel): { rule: string; message: string } | undefined {
  const { comps } = view;
  if (!x.wanted) return { rule: 'start-unwanted', message: `${x.name} started but it is neither in the boot set nor asked for by getAsync` };
  for (const d of x.plan.deps) {
    const dep = comps[d.on]!;
    if (!dep.settled) return { rule: 'start-deps', message: `${x.name} started while its dependency ${dep.name} is ${dep.status}` };
    if (!d.optional && !dep.usable) return { rule: 'start-deps', message: `${x.name} started although its required dependency ${dep.name} is ${dep.status}` };
  }
  const q = x.queued;
  if (q === undefined) return { rule: 'start-unqueued', message: `${x.name} started but the model never queued it` };
  if (!bucketOpen(view, q.bucket)) {
    const blocker = comps.find((y) => y.inBoot && y.wave < x.wave && !y.settled)!;
    return { rule: 'start-wave', message: `${x.name} (wave ${x.wave}) started while ${blocker.name} of the earlier wave ${blocker.wave} is ${blocker.status}` };
  }
  if (view.running >= view.maxConcurrent) return { rule: 'concurrency', message: `${x.name} started with ${view.running} loads running (maxConcurrent ${view.maxConcurrent})` };
  if (!fits(view, x)) {
    return { rule: 'memory', message: `${x.name} (${x.r.memoryMb} MB) started with ${view.memory} MB in use (budget ${view.budget} MB, ${view.running} running)` };
  }
  const before = comps.find((z) => z !== x && z.queued !== undefined && z.queued.group < view.cascade && bucketOpen(view, z.queued.bucket) && ahead(z.queued, q));
  if (before !== undefined) {
    return { rule: 'order', message: `${x.name} (bucket ${q.bucket}, queued at #${q.group}) started while ${before.name} (bucket ${before.queued!.bucket}, queued at #${before.queued!.group}) waited ahead of it` };
  }
  return undefined;
}

/**
 * Work conservation, checked whenever the run is quiet: when a slot is free and every component at
 * the head of the queue fits, one of them should have started.
 */
export function idleProblem(view: DispatchView): string | undefined {
  if (view.running >= view.maxConcurrent) return undefined;
  const waiting = view.comps.filter((z) => z.queued !== undefined && bucketOpen(view, z.queued.bucket));
  if (waiting.length === 0) return undefined;
  const bucket = Math.min(...waiting.map((z) => z.queued!.bucket));
  const group = Math.min(...waiting.filter((z) => z.queued!.bucket === bucket).map((z) => z.queued!.group));
  const head = waiting.filter((z) => z.queued!.bucket === bucket && z.queued!.group === group);
  if (!head.every((z) => fits(view, z))) return undefined;
  return `${head.map((z) => z.name).join(', ')} could start (bucket ${bucket}, ${view.running}/${view.maxConcurrent} running, ${view.memory}/${view.budget} MB) but nothing started`;
}
