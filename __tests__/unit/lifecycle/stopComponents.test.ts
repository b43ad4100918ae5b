import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { planBoot } from '../../../src/boot/planBoot.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import type { ComponentSpec } from '../../../src/component/ComponentSpec.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import type { ShutdownConfig } from '../../../src/lifecycle/ShutdownConfig.js';
import { stopComponents, type StopResult } from '../../../src/lifecycle/stopComponents.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { PhaseMachine } from '../../../src/readiness/Phase.js';
import { Readiness } from '../../../src/readiness/Readiness.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { settle } from '../../helpers/settle.js';

/** Every component Ready; `release` is what the bindings do when told a component stopped. */
function partsOf(definitions: ComponentDefinition[], release: (spec: ComponentSpec) => void = () => undefined): ShutdownConfig {
  const registry = new ComponentRegistry();
  registry.addAll(definitions.map((d, i) => toComponentSpec(d, i)));
  const states = new ComponentStates(registry.specs);
  states.grow(registry.size);
  for (const s of registry.specs) states.settle(s.index, ComponentStatus.Ready, 0, { name: s.name }, undefined, 1);
  return {
    specs: registry.specs,
    states,
    readiness: new Readiness(states, registry.specs, new PhaseMachine()),
    plan: { graph: planBoot(registry, () => false).graph },
    work: { cancel: () => undefined, whenSettled: () => Promise.resolve() },
    monitors: { stopAll: () => undefined },
    bindings: { release },
    clock: clockFrom(asyncScheduler),
    shutdownTimeout: 1_000,
  };
}

function run(parts: ShutdownConfig): Promise<StopResult> {
  return settle(stopComponents(parts));
}

describe('stopComponents', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should list a component whose hook failed under failed only, and still stop and release it', async () => {
    const released: string[] = [];
    const parts = partsOf(
      [
        { token: 'db', load: () => 1, onShutdown: () => Promise.reject(new Error('close failed')) },
        { token: 'cache', load: () => 1 },
      ],
      (spec) => void released.push(spec.name),
    );
    parts.states.settle(1, ComponentStatus.Failed, 0, undefined, new Error('never loaded'));
    const result = await run(parts);
    expect(result.stopped).toEqual([]);
    expect(result.failed).toEqual(['db']);
    expect(result.components).toEqual({
      db: { name: 'db', outcome: 'failed', durationMs: 0, error: 'close failed' },
      cache: { name: 'cache', outcome: 'skipped', durationMs: 0 },
    });
    expect(parts.states.status).toEqual([ComponentStatus.Stopped, ComponentStatus.Failed]);
    expect(released.sort()).toEqual(['cache', 'db']);
  });

  it('should report a component whose release throws as failed and not stopped, releasing it once, and stop the rest', async () => {
    const released: string[] = [];
    const parts = partsOf(
      [
        { token: 'db', load: () => 1 },
        { token: 'api', dependsOn: ['db'], load: () => 1 },
      ],
      (spec) => {
        released.push(spec.name);
        if (spec.name === 'api') throw new Error('rebind refused');
      },
    );
    const result = await run(parts);
    expect(result.components.api).toEqual({ name: 'api', outcome: 'failed', durationMs: 0, error: 'rebind refused' });
    expect(result.stopped).toEqual(['db']);
    expect(result.failed).toEqual(['api']);
    expect(released).toEqual(['api', 'db']);
  });

  it('should hand back components as a plain object, entries replaceable and removable, even one named __proto__', async () => {
    const result = await run(partsOf([{ token: '__proto__', load: () => 1 }, { token: 'db', load: () => 1 }]));
    expect(Object.keys(result.components).sort()).toEqual(['__proto__', 'db']);
    expect(Object.getPrototypeOf(result.components)).toBe(Object.prototype);
    const components = result.components as Record<string, unknown>;
    components.db = 'edited';
    expect(components.db).toBe('edited');
    delete components.__proto__;
    expect(Object.keys(components)).toEqual(['db']);
  });
});
