import { ComponentStatus, type AttemptOutcome, type Priority } from '../../../src/index.js';
import { isDeferred, resolve, type Resolved } from '../documented.js';
import type { ComponentPlan, Scenario } from '../Scenario.js';

/** One attempt as the model sees it. */
export interface AttemptModel {
  readonly n: number;
  readonly start: number;
  /** preheat holds this attempt's instance (its value came in time): a cancellation must dispose it. */
  holdsInstance: boolean;
  ended: boolean;
  /** Code of an unhealthy answer: PREHEAT_UNHEALTHY, or PREHEAT_TIMEOUT when the check ran too long. */
  healthCode?: string;
  /** Its loader, or its class's constructor, was called. */
  loaded: boolean;
  /** The loader was called, or a class's onWarmup (its constructor alone is not work that can run on). */
  workStarted: boolean;
  /** The loader (or onWarmup) has settled on its own: resolved, rejected or threw. */
  workSettled: boolean;
  /**
   * The attempt timed out or was cancelled while its work kept running (it ignores its signal): at
   * that ms, whether the `abandoned` warning came, and when the work finally settled after it.
   */
  abandon?: Abandon | undefined;
}

/** An attempt that ended while its work still ran. */
export interface Abandon {
  readonly at: number;
  /** The `abandoned` warning came. */
  announced: boolean;
  /** events$ had completed (phase stopped) before the warning could come, so only the record tells. */
  unseen: boolean;
  /** When the work settled after all. */
  lateAt?: number;
}

/** Where a component is in its load, beyond its status. */
export type Stage = 'idle' | 'starting' | 'attempt' | 'backoff' | 'done';

/** The model's state of one component. */
export class ComponentModel {
  readonly r: Resolved;
  readonly inBoot: boolean;
  status: ComponentStatus = ComponentStatus.Pending;
  stage: Stage = 'idle';
  /** In the boot set, or asked for by getAsync. */
  wanted: boolean;
  /** Asked for by getAsync (itself or as a dependency): it loads from the on-demand bucket. */
  demanded = false;
  /** Waiting in the ready queue: its bucket (0 = on demand, 1 + wave) and the log position that queued it. */
  queued: { bucket: number; group: number } | undefined;
  readonly attempts: AttemptModel[] = [];
  readonly outcomes: AttemptOutcome[] = [];
  /** A required dependency failed: a DependencyFailed status is expected. */
  dependencyFailed = false;
  /** The instance handed out (Ready / Degraded), by id. */
  final: string | undefined;
  code: string | undefined;
  /** Its status became loading before a cancellation, but its loader had not been called yet. */
  startedBeforeCancel = false;
  oversizeWarned = false;
  /** For a DependencyFailed component: the log position of the settle its failure spread from. */
  cascade: number | undefined;
  /** Log position of its status change to failed, to know which boot member failed first. */
  failedAt: number | undefined;

  constructor(
    readonly c: number,
    readonly plan: ComponentPlan,
    readonly wave: Priority,
    scenario: Scenario,
    readonly dependents: readonly { readonly c: number; readonly optional: boolean }[],
  ) {
    this.r = resolve(plan, scenario);
    this.inBoot = !isDeferred(wave);
    this.wanted = false;
  }

  get name(): string {
    return this.plan.name;
  }

  get usable(): boolean {
    return this.status === ComponentStatus.Ready || this.status === ComponentStatus.Degraded;
  }

  get settled(): boolean {
    return this.status !== ComponentStatus.Pending && this.status !== ComponentStatus.Loading;
  }

  get current(): AttemptModel | undefined {
    return this.attempts[this.attempts.length - 1];
  }

  idOf(n: number): string {
    return `${this.plan.name}#${n}`;
  }
}

/** Builds the component models with their dependents lists. */
export function componentModels(scenario: Scenario, effective: readonly Priority[]): ComponentModel[] {
  const dependents = scenario.components.map(() => [] as { c: number; optional: boolean }[]);
  scenario.components.forEach((plan, c) => plan.deps.forEach((d) => dependents[d.on]!.push({ c, optional: d.optional })));
  return scenario.components.map((plan, c) => new ComponentModel(c, plan, effective[c]!, scenario, dependents[c]!));
}
