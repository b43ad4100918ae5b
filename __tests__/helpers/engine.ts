import { asyncScheduler } from 'rxjs';
import type { ComponentDefinition } from '../../src/component/ComponentDefinition.js';
import { ComponentRegistry } from '../../src/component/ComponentRegistry.js';
import { toComponentSpec } from '../../src/component/toComponentSpec.js';
import { planBoot } from '../../src/boot/planBoot.js';
import { ComponentStates } from '../../src/readiness/ComponentStates.js';
import type { ComponentEvent } from '../../src/readiness/ComponentEvent.js';
import { callSafely } from '../../src/run/callSafely.js';
import { clockFrom, type Clock } from '../../src/run/Clock.js';
import type { RunEnvironment } from '../../src/run/ComponentRunner.js';
import { InFlight } from '../../src/run/InFlight.js';
import { LoadEngine } from '../../src/schedule/LoadEngine.js';
import { HealthRecords } from '../../src/health/HealthRecords.js';

/**
 * A LoadEngine built directly from definitions, the way boot/Loads builds it, over the default
 * asyncScheduler (so jest fake timers drive it). The factory calls each definition's `load` with
 * the attempt's signal; `get` is not needed by these tests.
 */
export interface EngineHarness {
  readonly engine: LoadEngine;
  readonly states: ComponentStates;
  readonly env: RunEnvironment;
  readonly clock: Clock;
  readonly cancel: AbortController;
  /** Each settle the listener heard, as `name` (or `name!` when not a boot member), in order. */
  readonly settles: string[];
  readonly events: ComponentEvent[];
  /** Index of a component by token. */
  index(token: string): number;
}

export function buildEngine(
  definitions: readonly ComponentDefinition[],
  options: { maxConcurrent?: number; memoryBudgetMb?: number; onSettled?: (index: number, inBoot: boolean) => void } = {},
): EngineHarness {
  const registry = new ComponentRegistry();
  registry.addAll(definitions.map((d, i) => toComponentSpec(d, i)));
  const { graph, effective } = planBoot(registry, () => false);
  const states = new ComponentStates(registry.specs);
  states.grow(registry.size);
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  const clock = clockFrom(asyncScheduler);
  const cancel = new AbortController();
  const env: RunEnvironment = {
    health: new HealthRecords(registry.specs, states),
    clock,
    healthTimeout: Infinity,
    random: () => 0.5,
    cancel: cancel.signal,
    inFlight: new InFlight(),
    factory: {
      create: (spec, abort, attempt) => callSafely(() => spec.definition!.load({ signal: abort.signal, attempt, get: () => undefined } as never)),
    },
    states,
  };
  const settles: string[] = [];
  const engine = new LoadEngine({
    specs: registry.specs,
    states,
    graph,
    effective,
    maxConcurrent: options.maxConcurrent ?? Infinity,
    memoryBudgetMb: options.memoryBudgetMb ?? Infinity,
    run: env,
    listener: {
      settled: (i, inBoot) => {
        settles.push(inBoot ? registry.specs[i]!.name : `${registry.specs[i]!.name}!`);
        options.onSettled?.(i, inBoot);
      },
    },
  });
  const index = (token: string): number => registry.specs.findIndex((s) => s.token === token);
  return { engine, states, env, clock, cancel, settles, events, index };
}
