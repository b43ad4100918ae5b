import fc from 'fast-check';
import { Priority } from '../../src/index.js';
import type { Action, Behaviour, ComponentPlan, HealthAnswer, Scenario, ScenarioOptions } from './Scenario.js';

const ms = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });
const maybe = <T>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight, arbitrary: arb });

/**
 * One attempt: `roll` (0..99) against the scenario's flakiness decides between a resolve after `ms`
 * and the failure `kind`, so some scenarios mostly succeed and others mostly fail.
 */
const rawBehaviour = fc.record({
  roll: fc.integer({ min: 0, max: 99 }),
  ms: fc.oneof({ weight: 4, arbitrary: ms(60) }, { weight: 1, arbitrary: ms(250) }),
  kind: fc.oneof(
    { weight: 3, arbitrary: fc.constant('reject' as const) },
    { weight: 1, arbitrary: fc.constant('throw' as const) },
    { weight: 1, arbitrary: fc.constant('hang' as const) },
    { weight: 1, arbitrary: fc.constant('hangAbortable' as const) },
  ),
});

const rawHealth = fc.record({
  roll: fc.integer({ min: 0, max: 99 }),
  ms: fc.integer({ min: 0, max: 80 }),
  kind: fc.constantFrom('false' as const, 'throw' as const, 'hang' as const),
});

function behaviourOf(raw: typeof rawBehaviour extends fc.Arbitrary<infer R> ? R : never, flaky: number): Behaviour {
  if (raw.roll >= flaky) return { kind: 'resolve', ms: raw.ms };
  if (raw.kind === 'reject') return { kind: 'reject', ms: raw.ms };
  return { kind: raw.kind };
}

function healthOf(raw: typeof rawHealth extends fc.Arbitrary<infer R> ? R : never, flaky: number): HealthAnswer {
  if (raw.roll >= flaky) return { kind: 'true', ms: raw.ms };
  return raw.kind === 'hang' ? { kind: 'hang' } : { kind: raw.kind, ms: raw.ms };
}

const priority = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(Priority.CRITICAL, Priority.HIGH, Priority.MEDIUM, Priority.LOW) },
  { weight: 1, arbitrary: fc.constant(Priority.DEFERRED) },
);

/** Every key of `backoff`, or some of them (the others take their documented defaults). */
const backoffKeys = {
  delay: ms(80),
  factor: fc.constantFrom(1, 1.5, 2, 3),
  maxDelay: ms(250),
  jitter: fc.constantFrom(0, 0.25, 0.5),
};
const backoff = fc.oneof(fc.record(backoffKeys), fc.record(backoffKeys, { requiredKeys: [] }));

/** A component before it knows its index: `deps` are raw numbers reduced modulo the index later. */
const rawComponent = fc.record({
  kind: fc.oneof({ weight: 6, arbitrary: fc.constant('loader' as const) }, { weight: 1, arbitrary: fc.constant('class' as const) }),
  priority,
  deps: fc.array(fc.record({ on: fc.nat(), optional: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }), { maxLength: 3 }),
  required: maybe(fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) }), 1),
  timeout: fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant(Infinity) }, { weight: 6, arbitrary: fc.integer({ min: 25, max: 300 }) }),
  retries: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) }),
  backoff: maybe(backoff, 2),
  memoryMb: maybe(fc.integer({ min: 0, max: 450 }), 1),
  healthTimeout: maybe(fc.integer({ min: 20, max: 150 }), 1),
  behaviours: fc.array(rawBehaviour, { minLength: 4, maxLength: 4 }),
  health: maybe(fc.array(rawHealth, { minLength: 4, maxLength: 4 }), 1),
});

type Raw = typeof rawComponent extends fc.Arbitrary<infer R> ? R : never;

const options: fc.Arbitrary<ScenarioOptions> = fc.record(
  {
    maxConcurrent: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(Infinity)),
    memoryBudgetMb: fc.integer({ min: 200, max: 1_000 }),
    schedule: fc.constantFrom('waves' as const, 'eager' as const),
    failFast: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    healthTimeout: fc.integer({ min: 20, max: 150 }),
    random: fc.constantFrom(0, 0.25, 0.5, 0.75, 0.99),
  },
  { requiredKeys: ['random'] },
);

const rawAction = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('getAsync' as const),
      at: fc.integer({ min: 0, max: 500 }),
      target: fc.nat(),
      preferDeferred: fc.boolean(),
      viaContainer: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      /** When the shutdown drains: call it during the drain instead, while components are still handed out. */
      duringDrain: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('report' as const), at: fc.integer({ min: 0, max: 600 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('shutdown' as const),
      at: fc.integer({ min: 0, max: 700 }),
      drainMs: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 100 }) }),
    }),
  },
);

/** Mostly 0; sometimes later, so getAsync calls (and rarely the shutdown) come before `boot()`. */
const bootAt = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }) });

type RawAction = typeof rawAction extends fc.Arbitrary<infer R> ? R : never;

/** A scenario of 1..`maxComponents` components, with a few getAsync calls and reports, and maybe a shutdown. */
export function scenarioArbitrary(maxComponents = 40): fc.Arbitrary<Scenario> {
  const size = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: maxComponents }) });
  return fc
    .record({
      options,
      /** Percent of attempts (and health checks) that go wrong. */
      flaky: fc.constantFrom(5, 20, 40),
      raws: size.chain((n) => fc.array(rawComponent, { minLength: n, maxLength: n })),
      actions: fc.array(rawAction, { maxLength: 5 }),
      bootAt,
      /** Register in index order (dependencies first), reversed, or shuffled by this seed. */
      registration: fc.oneof(fc.constant('index' as const), fc.constant('reverse' as const), fc.integer({ min: 1, max: 2 ** 30 })),
    })
    .filter(({ raws }) => raws.length > 0)
    .map(({ options: opts, flaky, raws, actions, bootAt: at, registration }) => {
      const components = raws.map((raw, i) => toPlan(raw, i, opts, flaky));
      const scenario: Scenario = { options: opts, components, actions: toActions(actions, components), ...(at === 0 ? {} : { bootAt: at }) };
      return registration === 'index' ? scenario : { ...scenario, registration: permutation(components.length, registration) };
    });
}

function permutation(n: number, how: 'reverse' | number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (how === 'reverse') return order.reverse();
  let state = how;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function toPlan(raw: Raw, index: number, opts: ScenarioOptions, flaky: number): ComponentPlan {
  const deps = new Map<number, boolean>();
  if (index > 0) for (const d of raw.deps) deps.set(d.on % index, d.optional && (deps.get(d.on % index) ?? true));
  const attemptCount = (raw.retries ?? 0) + 1;
  const behaviours = raw.behaviours.slice(0, attemptCount).map((b) => behaviourOf(b, flaky));
  const hangs = behaviours.some((b) => b.kind === 'hang' || b.kind === 'hangAbortable');
  // No attempt may wait forever: an Infinity timeout only for loaders that always settle.
  const timeout = raw.timeout === Infinity && hangs ? 250 : raw.timeout;
  const limit = timeout ?? 30_000;
  const attempts = behaviours.map((b) => ('ms' in b && b.ms === limit ? { ...b, ms: b.ms + 1 } : b));
  const healthLimit = raw.healthTimeout ?? opts.healthTimeout ?? 5_000;
  const health = raw.health?.slice(0, attemptCount).map((r) => healthOf(r, flaky)).map((h) => ('ms' in h && h.ms === healthLimit ? { ...h, ms: h.ms + 1 } : h));
  const plan: Record<string, unknown> = {
    name: `c${index}`,
    kind: raw.kind,
    priority: raw.priority,
    deps: [...deps].map(([on, optional]) => ({ on, optional })),
    attempts,
  };
  const optional = { required: raw.required, timeout, retries: raw.retries, backoff: raw.backoff, memoryMb: raw.memoryMb, healthTimeout: raw.healthTimeout, health };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) plan[key] = value;
  return plan as unknown as ComponentPlan;
}

function toActions(raws: readonly RawAction[], components: readonly ComponentPlan[]): Action[] {
  const deferred = components.flatMap((c, i) => (c.priority === Priority.DEFERRED ? [i] : []));
  const actions: Action[] = [];
  const shutdown = raws.find((raw) => raw.kind === 'shutdown');
  if (shutdown !== undefined) actions.push(shutdown.drainMs === undefined ? { kind: 'shutdown', at: shutdown.at } : { kind: 'shutdown', at: shutdown.at, drainMs: shutdown.drainMs });
  for (const raw of raws) {
    if (raw.kind === 'shutdown') continue;
    if (raw.kind === 'report') {
      actions.push({ kind: 'report', at: raw.at });
      continue;
    }
    const pool = raw.preferDeferred && deferred.length > 0 ? deferred : components.map((_, i) => i);
    const target = pool[raw.target % pool.length]!;
    const at = raw.duringDrain && shutdown?.drainMs !== undefined ? shutdown.at + (raw.at % (shutdown.drainMs + 1)) : raw.at;
    actions.push(raw.viaContainer ? { kind: 'getAsync', at, target, via: 'container' } : { kind: 'getAsync', at, target });
  }
  return actions.sort((a, b) => a.at - b.at);
}
