import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { DependencyGraph } from '../graph/DependencyGraph.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Readiness } from '../readiness/Readiness.js';
import type { Clock } from '../run/Clock.js';

/** The work a shutdown stops first (the loads of the boot and of getAsync). */
export interface StoppableWork {
  cancel(reason: Error): void;
  whenSettled(): Promise<void>;
}

/** What a shutdown stops besides the loads (the health monitors). */
export interface Stoppable {
  stopAll(): void;
}

/** Where the reverse dependency order comes from (the plan; none before it). */
export interface GraphSource {
  readonly graph: DependencyGraph | undefined;
}

/** Told as each component stops, so its binding stops handing the instance out. */
export interface BindingReleaser {
  release(spec: ComponentSpec): void;
}

/** What {@link Shutdown} is built from. */
export interface ShutdownConfig {
  readonly specs: readonly ComponentSpec[];
  readonly states: ComponentStates;
  readonly readiness: Readiness;
  readonly plan: GraphSource;
  readonly work: StoppableWork;
  readonly monitors: Stoppable;
  readonly bindings: BindingReleaser;
  readonly clock: Clock;
  readonly shutdownTimeout: number;
  /** The learned profile and the snapshots: saved once nothing loads any more, before components stop. */
  readonly adaptive?: readonly { stop(): Promise<void> }[];
}
