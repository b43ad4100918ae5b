import type { Container } from 'inversify';
import { Learning } from './adaptive/Learning.js';
import { Preloader } from './adaptive/Preloader.js';
import { IdleReleaser } from './adaptive/IdleReleaser.js';
import { SnapshotCache } from './adaptive/SnapshotCache.js';
import { Boot } from './boot/Boot.js';
import { Loads } from './boot/Loads.js';
import { Planner } from './boot/Planner.js';
import { ComponentRegistry } from './component/ComponentRegistry.js';
import { Registrar } from './component/Registrar.js';
import { ComponentBindings } from './container/ComponentBindings.js';
import { ComponentFactory } from './container/ComponentFactory.js';
import { ComponentLookup } from './container/ComponentLookup.js';
import { HealthRecords } from './health/HealthRecords.js';
import type { HealthSource } from './health/HealthSnapshot.js';
import { Monitors } from './lifecycle/Monitors.js';
import { Shutdown } from './lifecycle/Shutdown.js';
import { ComponentStates } from './readiness/ComponentStates.js';
import { PhaseMachine } from './readiness/Phase.js';
import { Readiness } from './readiness/Readiness.js';
import { Waits } from './readiness/Waits.js';
import { clockFrom } from './run/Clock.js';
import type { ResolvedWarmupOptions } from './WarmupOptions.js';

/** The collaborators a `Warmup` facade delegates to, each built once by {@link wireWarmup}. */
export interface WarmupParts {
  readonly registry: ComponentRegistry;
  readonly states: ComponentStates;
  readonly phase: PhaseMachine;
  readonly readiness: Readiness;
  readonly registrar: Registrar;
  readonly loads: Loads;
  readonly boot: Boot;
  readonly waits: Waits;
  readonly monitors: Monitors;
  readonly shutdown: Shutdown;
  readonly health: HealthRecords;
  readonly healthSource: HealthSource;
  readonly learning: Learning;
  readonly preloader: Preloader;
  readonly idle: IdleReleaser;
}

/**
 * Builds the object graph behind one Warmup: the registry and the component states every part
 * shares, the planner, the loads (attempts, on-demand loads), the container bindings, the boot,
 * the monitor, the shutdown and the adaptive parts. The only place that knows who needs whom; each
 * part is built once, and the few late edges (the idle releaser needs the loads and the bindings,
 * the boot needs the shutdown) are closures read after wiring is over.
 */
export function wireWarmup(container: Container, resolved: ResolvedWarmupOptions): WarmupParts {
  const clock = clockFrom(resolved.scheduler);
  const registry = new ComponentRegistry();
  const { specs } = registry;
  const phase = new PhaseMachine();
  const states = new ComponentStates(specs);
  const readiness = new Readiness(states, specs, phase);
  const health = new HealthRecords(specs, states);
  const snapshots = new SnapshotCache(specs, states, clock, resolved.cache);
  const learning = new Learning(specs, states, clock, resolved.profile, snapshots);
  const planner = new Planner(registry, container, learning);
  const idle = new IdleReleaser({ specs, states, clock, usage: learning.usage, graph: () => planner.graph, release: (i) => loads.release(i), forget: (s) => bindings.release(s), stopping: () => phase.stopping });
  const lookup = new ComponentLookup(container, registry, states, planner, idle);
  const factory = new ComponentFactory(container, lookup, states, clock, registry, resolved.construction, snapshots);
  const loads = new Loads({ specs, states, readiness, planner, clock, options: resolved, factory, instances: lookup, health, learning, idle });
  const bindings = new ComponentBindings({ container, strategy: resolved.binding, registry, states, instances: lookup, onDemand: loads, usage: learning.usage });
  const registrar = new Registrar(registry, states, bindings, { planner, phase });
  const { healthTimeout, shutdownTimeout, random } = resolved;
  const monitors = new Monitors({ specs, states, plan: planner, loads, bindings, clock, healthTimeout, shutdownTimeout, random, health });
  const shutdown = new Shutdown({ specs, states, readiness, plan: planner, work: loads, monitors, bindings, clock, shutdownTimeout, adaptive: [learning, snapshots] });
  const stopper = { shutdown: () => shutdown.start() };
  const boot = new Boot({ specs, states, readiness, planner, loads, clock, schedule: resolved.schedule, failFast: resolved.failFast, health: monitors, checks: health, stopper, learning, snapshots, idle, plans: bindings.plans });
  const healthSource: HealthSource = { specs, states, records: health, clock, healthTimeout, periodOf: (i) => monitors.periodOf(i) };
  const { kinds, predictions } = learning;
  const preloader = new Preloader({ specs, states, clock, kinds, predictions, options: resolved.profile.predictor ?? {}, effective: () => planner.effective, demand: (i) => loads.demand(i) });
  const waits = new Waits(specs, readiness, loads.waves, resolved.scheduler);
  return { registry, states, phase, readiness, registrar, loads, boot, waits, monitors, shutdown, health, healthSource, learning, preloader, idle };
}
