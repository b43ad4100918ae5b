import { Counter, Gauge, Histogram, register as globalRegistry } from 'prom-client';
import { ComponentStatus, InvalidOptionError, operatingModes, type BootReport, type ComponentEvent, type Phase, type Warmup } from '../../index.js';
import type { WarmupMetrics } from './WarmupMetrics.js';
import { defaultLoadBuckets, type WarmupMetricsOptions } from './WarmupMetricsOptions.js';

const names = [
  'component_status',
  'boot_duration_seconds',
  'phase',
  'component_load_seconds',
  'component_attempts_total',
  'health_check_failures_total',
  'health_score',
  'health_mode',
];
const statuses = Object.values(ComponentStatus);
const phases: readonly Phase[] = ['idle', 'booting', 'critical-ready', 'ready', 'failed', 'stopping', 'stopped'];

/**
 * Exposes a Warmup's state as Prometheus metrics through `prom-client`. Gauges (`component_status`,
 * `boot_duration_seconds`, `phase`, and for each component with a health result `health_score` and
 * `health_mode`, from the health cache: a scrape never waits on a check) are read from the Warmup
 * at scrape time; counters and the load
 * histogram follow `events$`, and start from the report when registered after the boot, so a late
 * registration loses nothing.
 *
 * Labels carry component names: the series count grows with the number of components (six status
 * series each). Fine for hundreds; for tens of thousands, scrape less often or drop
 * `component_status` with a relabel rule.
 *
 * All or nothing: if one of the names is already in the registry (a second registration, another
 * Warmup with the same prefix), it throws InvalidOptionError and registers none, rather than leave
 * metrics behind that no `unregister()` can reach.
 *
 * @example
 * ```ts
 * import { register } from 'prom-client';
 * import { registerWarmupMetrics } from 'preheat/prometheus';
 *
 * registerWarmupMetrics(warmup);
 * app.get('/metrics', async (_req, res) => res.type(register.contentType).send(await register.metrics()));
 * ```
 */
export function registerWarmupMetrics(warmup: Warmup, options: WarmupMetricsOptions = {}): WarmupMetrics {
  const { registry = globalRegistry, prefix = 'preheat_', buckets = defaultLoadBuckets } = options;
  const taken = names.map((name) => `${prefix}${name}`).filter((name) => registry.getSingleMetric(name) !== undefined);
  if (taken.length > 0) {
    throw new InvalidOptionError(
      'registerWarmupMetrics',
      'prefix',
      `must give metric names the registry does not hold yet (it holds ${taken.join(', ')})`,
      prefix,
      'call unregister() on the earlier WarmupMetrics first, or give each Warmup its own prefix or registry.',
    );
  }
  const registers = [registry];

  const componentStatus: Gauge<'name' | 'status'> = new Gauge({
    name: `${prefix}component_status`,
    help: 'Current status of each component: 1 for the status it is in, 0 for the others.',
    labelNames: ['name', 'status'],
    registers,
    collect: () => {
      componentStatus.reset();
      for (const c of Object.values(warmup.report().components)) {
        for (const status of statuses) componentStatus.set({ name: c.name, status }, c.status === status ? 1 : 0);
      }
    },
  });
  const bootDuration: Gauge = new Gauge({
    name: `${prefix}boot_duration_seconds`,
    help: 'Wall time of the boot in seconds; while booting, the time so far; 0 before boot().',
    registers,
    collect: () => {
      bootDuration.set(warmup.report().totalLoadTimeMs / 1000);
    },
  });
  const phase: Gauge<'phase'> = new Gauge({
    name: `${prefix}phase`,
    help: "The container's phase: 1 for the current one, 0 for the others.",
    labelNames: ['phase'],
    registers,
    collect: () => {
      const now = warmup.phase;
      for (const p of phases) phase.set({ phase: p }, p === now ? 1 : 0);
    },
  });
  const healthScore: Gauge<'name'> = new Gauge({
    name: `${prefix}health_score`,
    help: 'Last health score of each checked component, 0..1 (the weighted mean of its checks).',
    labelNames: ['name'],
    registers,
    collect: () => {
      healthScore.reset();
      for (const c of Object.values(warmup.health().components)) if (c.score !== undefined) healthScore.set({ name: c.name }, c.score);
    },
  });
  const healthMode: Gauge<'name' | 'mode'> = new Gauge({
    name: `${prefix}health_mode`,
    help: 'Operating mode of each checked component: 1 for the mode it is in (full, normal, reduced, minimal, offline), 0 for the others.',
    labelNames: ['name', 'mode'],
    registers,
    collect: () => {
      healthMode.reset();
      for (const c of Object.values(warmup.health().components)) {
        if (c.score === undefined) continue;
        for (const mode of operatingModes) healthMode.set({ name: c.name, mode }, c.mode === mode ? 1 : 0);
      }
    },
  });
  const componentLoadSeconds = new Histogram({
    name: `${prefix}component_load_seconds`,
    help: 'Time from leaving the queue to settling, retries and backoff included, in seconds.',
    labelNames: ['name', 'outcome'],
    buckets: [...buckets],
    registers,
  });
  const componentAttempts = new Counter({
    name: `${prefix}component_attempts_total`,
    help: 'Load attempts by how they ended: ready, unhealthy, failed, timeout or cancelled.',
    labelNames: ['name', 'outcome'],
    registers,
  });
  const healthCheckFailures = new Counter({
    name: `${prefix}health_check_failures_total`,
    help: 'Failed health checks of the runtime monitor.',
    labelNames: ['name'],
    registers,
  });

  const metrics = { componentLoadSeconds, componentAttempts, healthCheckFailures };
  const loadStarts = new Map<string, number>();
  backfill(warmup.report(), metrics);
  const subscription = warmup.events$.subscribe((event) => follow(event, metrics, loadStarts, warmup));

  let registered = true;
  return {
    registry,
    componentStatus,
    componentLoadSeconds,
    componentAttempts,
    bootDuration,
    healthCheckFailures,
    healthScore,
    healthMode,
    phase,
    unregister: () => {
      if (!registered) return;
      registered = false;
      subscription.unsubscribe();
      for (const name of names) registry.removeSingleMetric(`${prefix}${name}`);
    },
  };
}

type EventMetrics = Pick<WarmupMetrics, 'componentLoadSeconds' | 'componentAttempts' | 'healthCheckFailures'>;

/** What happened before we were registered, from the report. */
function backfill(report: BootReport, m: EventMetrics): void {
  for (const c of Object.values(report.components)) {
    for (const a of c.attemptHistory) m.componentAttempts.inc({ name: c.name, outcome: a.outcome });
    if (c.loadTimeMs !== undefined && c.status !== ComponentStatus.Loading) {
      m.componentLoadSeconds.observe({ name: c.name, outcome: c.status }, c.loadTimeMs / 1000);
    }
    if (c.health !== undefined && c.health.failures > 0) m.healthCheckFailures.inc({ name: c.name }, c.health.failures);
  }
}

function follow(event: ComponentEvent, m: EventMetrics, loadStarts: Map<string, number>, warmup: Warmup): void {
  const { name } = event;
  switch (event.type) {
    case 'attempt':
      if (event.outcome !== undefined) m.componentAttempts.inc({ name, outcome: event.outcome });
      return;
    case 'health':
      if (event.healthy === false) m.healthCheckFailures.inc({ name });
      return;
    case 'status': {
      if (event.status === ComponentStatus.Loading) {
        loadStarts.set(name, event.at);
        return;
      }
      if (event.previous !== ComponentStatus.Loading) return; // not the end of a load
      // A load already running when we registered: its start is only in the report (rare).
      const start = loadStarts.get(name) ?? warmup.report().components[name]?.startedAt;
      loadStarts.delete(name);
      if (start !== undefined) m.componentLoadSeconds.observe({ name, outcome: event.status }, (event.at - start) / 1000);
      return;
    }
    case 'warning':
      return;
  }
}
