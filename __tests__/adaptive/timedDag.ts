import { Priority, type ComponentDefinition } from '../../src/index.js';

/** A seeded random DAG with timed loaders (virtual time): node i depends on up to 3 lower ones. */
export interface TimedDag {
  readonly n: number;
  readonly deps: readonly (readonly number[])[];
  readonly duration: readonly number[];
  readonly priority: readonly Priority[];
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function timedDag(seed: number, n: number, durations: readonly [number, number], priorities = false): TimedDag {
  const rand = mulberry32(seed);
  const deps: number[][] = [];
  const duration: number[] = [];
  const priority: Priority[] = [];
  for (let i = 0; i < n; i++) {
    const k = Math.min(i, Math.floor(rand() * 4));
    const picked = new Set<number>();
    while (picked.size < k) picked.add(Math.floor(rand() * i));
    deps.push([...picked]);
    // mixed durations: mostly short, a few long (a heavy tail, as real components are)
    const r = rand();
    duration.push(Math.round(durations[0] + (durations[1] - durations[0]) * r * r * r));
    priority.push(priorities ? (Math.floor(rand() * 4)) : Priority.MEDIUM);
  }
  return { n, deps, duration, priority };
}

/** Definitions of the DAG: each loader takes its duration on the (fake) clock; `log` hears starts and ends. */
export function dagDefinitions(dag: TimedDag, log?: (event: 'start' | 'end', i: number) => void): ComponentDefinition[] {
  return dag.deps.map((deps, i) => ({
    token: `n${i}`,
    priority: dag.priority[i]!,
    dependsOn: deps.map((d) => `n${d}`),
    load: () =>
      new Promise((resolve) => {
        log?.('start', i);
        setTimeout(() => {
          log?.('end', i);
          resolve(i);
        }, dag.duration[i]);
      }),
  }));
}

/** max(critical path, total work ÷ slots): no schedule can beat it. */
export function lowerBound(dag: TimedDag, slots: number): { criticalPath: number; work: number; bound: number } {
  const finish: number[] = [];
  let criticalPath = 0;
  let work = 0;
  for (let i = 0; i < dag.n; i++) {
    const start = Math.max(0, ...dag.deps[i]!.map((d) => finish[d]!));
    finish.push(start + dag.duration[i]!);
    criticalPath = Math.max(criticalPath, finish[i]!);
    work += dag.duration[i]!;
  }
  return { criticalPath, work, bound: Math.max(criticalPath, work / slots) };
}
