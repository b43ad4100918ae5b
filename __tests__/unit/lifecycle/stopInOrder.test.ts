import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { planBoot } from '../../../src/boot/planBoot.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import type { ComponentShutdown } from '../../../src/lifecycle/ShutdownReport.js';
import { stopInOrder, type StopOrderParts } from '../../../src/lifecycle/stopInOrder.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { clockFrom } from '../../../src/run/Clock.js';

/** Every component Ready with `{ name }` as its instance; `planned: false` leaves the graph out. */
function partsOf(definitions: ComponentDefinition[], options: { shutdownTimeout?: number; planned?: boolean } = {}): StopOrderParts {
  const registry = new ComponentRegistry();
  registry.addAll(definitions.map((d, i) => toComponentSpec(d, i)));
  const states = new ComponentStates(registry.specs);
  states.grow(registry.size);
  for (const s of registry.specs) states.settle(s.index, ComponentStatus.Ready, 0, { name: s.name }, undefined, 1);
  return {
    specs: registry.specs,
    states,
    graph: options.planned === false ? undefined : planBoot(registry, () => false).graph,
    clock: clockFrom(asyncScheduler),
    shutdownTimeout: options.shutdownTimeout ?? 10_000,
  };
}

/** A definition whose onShutdown logs its start and end and takes `ms` of virtual time. */
function hooked(token: string, log: string[], ms: number, extra: Partial<ComponentDefinition> = {}): ComponentDefinition {
  return {
    token,
    load: () => token,
    onShutdown: async () => {
      log.push(`${token}>`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`<${token}`);
    },
    ...extra,
  };
}

async function run(parts: StopOrderParts, members?: ReadonlySet<number>, done?: (i: number, e: ComponentShutdown) => void) {
  const entries: ComponentShutdown[] = [];
  let finished = false;
  const stopping = stopInOrder(parts, members, (i, e) => {
    entries.push(e);
    done?.(i, e);
  }).then(() => (finished = true));
  for (let k = 0; k < 1_000 && !finished; k++) await jest.advanceTimersByTimeAsync(10);
  await stopping;
  return entries;
}

describe('stopInOrder', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should stop dependents first, and independent components in parallel', async () => {
    const log: string[] = [];
    const parts = partsOf([
      hooked('db', log, 10),
      hooked('cache', log, 10),
      hooked('api', log, 20, { dependsOn: ['db', 'cache'] }),
      hooked('web', log, 20, { optionalDependsOn: ['api'] }),
    ]);
    const entries = await run(parts);
    // The order among independent ones is open: db and cache both start before either ends.
    expect(log.slice(0, 4)).toEqual(['web>', '<web', 'api>', '<api']);
    expect(log.slice(4, 6).sort()).toEqual(['cache>', 'db>']);
    expect(log.slice(6).sort()).toEqual(['<cache', '<db']);
    expect(entries.map((e) => [e.name, e.outcome, e.durationMs]).sort()).toEqual([
      ['api', 'stopped', 20],
      ['cache', 'stopped', 10],
      ['db', 'stopped', 10],
      ['web', 'stopped', 20],
    ]);
  });

  it('should stop everything in parallel before the plan exists', async () => {
    const log: string[] = [];
    await run(partsOf([hooked('db', log, 10), hooked('api', log, 10, { dependsOn: ['db'] })], { planned: false }));
    expect(log.slice(0, 2).sort()).toEqual(['api>', 'db>']);
  });

  it("should time a hook out at the component's shutdownTimeout, else the default, and go on", async () => {
    const log: string[] = [];
    const parts = partsOf(
      [
        hooked('own', log, 1_000, { shutdownTimeout: 30 }),
        hooked('shared', log, 1_000),
        hooked('after', log, 0, { dependsOn: ['own', 'shared'] }),
      ],
      { shutdownTimeout: 50 },
    );
    parts.states.settle(2, ComponentStatus.Ready, 0, {}, undefined, 1);
    const entries = await run(parts);
    expect(entries.map((e) => [e.name, e.outcome, e.durationMs])).toEqual([
      ['after', 'stopped', 0],
      ['own', 'timeout', 30],
      ['shared', 'timeout', 50],
    ]);
    expect(entries[1]!.error).toMatch(/^Component 'own' shutdown hook did not finish within 30 ms/);
    expect(entries[2]!.error).toMatch(/^Component 'shared' shutdown hook did not finish within 50 ms/);
  });

  it('should report a hook that throws as failed, with its message, and still stop what it depends on', async () => {
    const log: string[] = [];
    const entries = await run(
      partsOf([
        hooked('db', log, 0),
        { token: 'api', dependsOn: ['db'], load: () => 1, onShutdown: () => { throw new Error('close failed'); } },
      ]),
    );
    expect(entries).toEqual([
      { name: 'api', outcome: 'failed', durationMs: 0, error: 'close failed' },
      { name: 'db', outcome: 'stopped', durationMs: 0 },
    ]);
  });

  it('should skip a component that is not usable, and stop a usable one without hooks in 0 ms, calling no hook', async () => {
    const log: string[] = [];
    const parts = partsOf([hooked('failed', log, 10), { token: 'plain', load: () => 1 }]);
    parts.states.settle(0, ComponentStatus.Failed, 0, undefined, new Error('x'));
    const entries = await run(parts);
    expect(log).toEqual([]);
    expect(entries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'failed', outcome: 'skipped', durationMs: 0 },
      { name: 'plain', outcome: 'stopped', durationMs: 0 },
    ]);
  });

  it('should stop only the members, ordered among themselves', async () => {
    const log: string[] = [];
    const parts = partsOf([hooked('db', log, 10), hooked('api', log, 10, { dependsOn: ['db'] }), hooked('web', log, 10, { dependsOn: ['api'] })]);
    const entries = await run(parts, new Set([0, 1])); // web is not a member: it does not hold api up
    expect(log).toEqual(['api>', '<api', 'db>', '<db']);
    expect(entries.map((e) => e.name)).toEqual(['api', 'db']);
  });

  it('should resolve at once with no members', async () => {
    expect(await run(partsOf([{ token: 'a', load: () => 1 }]), new Set())).toEqual([]);
  });

  it('should report a member whose bookkeeping throws as failed, once more, and not hold the others up', async () => {
    const log: string[] = [];
    const calls: string[] = [];
    const entries = await run(partsOf([hooked('db', log, 0), hooked('api', log, 0, { dependsOn: ['db'] })]), undefined, (_i, e) => {
      calls.push(`${e.name}:${e.outcome}`);
      if (e.name === 'api' && e.outcome === 'stopped') throw new Error('rebind refused');
    });
    expect(calls).toEqual(['api:stopped', 'api:failed', 'db:stopped']);
    expect(entries[1]).toEqual({ name: 'api', outcome: 'failed', durationMs: 0, error: 'rebind refused' });
  });

  it('should stop a long chain of hookless components without recursion', async () => {
    const size = 50_000;
    const chain: ComponentDefinition[] = [{ token: 'n0', load: () => 0 }];
    for (let i = 1; i < size; i++) chain.push({ token: `n${i}`, dependsOn: [`n${i - 1}`], load: () => i });
    const entries = await run(partsOf(chain));
    expect(entries).toHaveLength(size);
    expect(entries[0]!.name).toBe(`n${size - 1}`);
    expect(entries[size - 1]!.name).toBe('n0');
  });
});
