/**
 * Monitors through its module API, over real specs, states, graph and clock (jest fake timers); the
 * loads and bindings are recorders. src/debug.ts is stood in for (as in unit/readiness/debugLog) so
 * the debug line a give-up prints is recorded.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { planBoot } from '../../../src/boot/planBoot.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { DependencyFailedError } from '../../../src/errors/DependencyFailedError.js';
import { HealthRecords } from '../../../src/health/HealthRecords.js';
import type { ComponentEvent } from '../../../src/readiness/ComponentEvent.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { clockFrom } from '../../../src/run/Clock.js';

const lines: unknown[][] = [];
jest.unstable_mockModule('../../../src/debug.js', () => ({
  debugEnabled: true,
  debug: (format: string, ...args: unknown[]) => {
    lines.push([format, ...args]);
  },
}));
const { Monitors } = await import('../../../src/lifecycle/Monitors.js');

/** Every component Ready with `{ name }` as its instance, except those listed in `failed`. */
function monitorsOf(definitions: ComponentDefinition[], options: { failed?: readonly string[]; planned?: boolean } = {}) {
  const registry = new ComponentRegistry();
  registry.addAll(definitions.map((d, i) => toComponentSpec(d, i)));
  const specs = registry.specs;
  const states = new ComponentStates(specs);
  states.grow(registry.size);
  for (const s of specs) {
    if (options.failed?.includes(s.name) === true) states.settle(s.index, ComponentStatus.Failed, 0, undefined, new Error(`${s.name} failed`));
    else states.settle(s.index, ComponentStatus.Ready, 0, { name: s.name }, undefined, 1);
  }
  const events: ComponentEvent[] = [];
  states.events.subscribe((e) => events.push(e));
  const reloaded: string[][] = [];
  const released: string[] = [];
  const monitors = new Monitors({
    specs,
    states,
    plan: { graph: options.planned === false ? undefined : planBoot(registry, () => false).graph },
    loads: {
      reload: (nodes) => {
        reloaded.push(nodes.map((i) => specs[i]!.name));
        for (const i of nodes) states.settle(i, ComponentStatus.Ready, Date.now(), { name: specs[i]!.name, fresh: true }, undefined, 1);
        return Promise.resolve();
      },
    },
    bindings: { release: (spec) => void released.push(spec.name) },
    clock: clockFrom(asyncScheduler),
    healthTimeout: Infinity,
    shutdownTimeout: 1_000,
    random: () => 0.5,
    health: new HealthRecords(specs, states),
  });
  const index = (name: string) => specs.findIndex((s) => s.name === name);
  const statusOf = (name: string) => states.status[index(name)];
  const warnings = () => events.filter((e) => e.type === 'warning').map((e) => [e.name, e.message]);
  const checksOf = (name: string) => events.filter((e) => e.type === 'health' && e.name === name).length;
  return { monitors, states, events, reloaded, released, index, statusOf, warnings, checksOf };
}

/** Gives up at the first failed check: no recovery. */
const giveUpAtOnce = { interval: 100, failureThreshold: 1, recoveryAttempts: 0 };

describe('Monitors', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    lines.length = 0;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('its monitors', () => {
    it('should stop every monitor on stopAll, and start later ones stopped', async () => {
      const { monitors, checksOf, index } = monitorsOf([{ token: 'a', load: () => 1, healthCheck: () => true }]);
      monitors.start({ interval: 100 });
      await jest.advanceTimersByTimeAsync(100);
      expect(checksOf('a')).toBe(1);
      monitors.stopAll();
      await jest.advanceTimersByTimeAsync(300);
      expect(checksOf('a')).toBe(1);
      monitors.start({ interval: 100 });
      await jest.advanceTimersByTimeAsync(300);
      expect(checksOf('a')).toBe(1);
      expect(monitors.periodOf(index('a'))).toBeUndefined();
    });

    it("should give the latest running monitor's period, or undefined when none runs", () => {
      const { monitors, index } = monitorsOf([{ token: 'a', load: () => 1, healthCheck: () => true }, { token: 'b', health: { period: 70 }, load: () => 1 }]);
      expect(monitors.periodOf(index('a'))).toBeUndefined();
      const first = monitors.start({ interval: 100 });
      const second = monitors.start({ interval: 500 });
      expect(monitors.periodOf(index('a'))).toBe(500);
      expect(monitors.periodOf(index('b'))).toBe(70);
      second.stop();
      expect(monitors.periodOf(index('a'))).toBe(100);
      first.stop();
      expect(monitors.periodOf(index('a'))).toBeUndefined();
    });

    it("should give the latest monitor's score, or an earlier one's if the latest has not checked the component", async () => {
      const { monitors, index } = monitorsOf([{ token: 'a', load: () => 1, healthCheck: () => true }]);
      expect(monitors.scoreOf(index('a'))).toBeUndefined();
      const first = monitors.start({ interval: 100 });
      await jest.advanceTimersByTimeAsync(200);
      first.stop();
      monitors.start({ interval: 1_000 });
      await jest.advanceTimersByTimeAsync(100);
      expect(monitors.scoreOf(index('a'))).toMatchObject({ checks: 2 });
      await jest.advanceTimersByTimeAsync(900);
      expect(monitors.scoreOf(index('a'))).toMatchObject({ checks: 1 });
      monitors.stopAll();
    });
  });

  describe('giving up without restart', () => {
    it('should fail and dispose the component, warn if its hook fails, and count it as unrecoverable only if required', async () => {
      const { monitors, statusOf, warnings, released } = monitorsOf([
        {
          token: 'db',
          load: () => 1,
          healthCheck: () => false,
          onShutdown: () => {
            throw new Error('end failed');
          },
        },
        { token: 'cache', required: false, load: () => 1, healthCheck: () => false },
      ]);
      monitors.start(giveUpAtOnce);
      await jest.advanceTimersByTimeAsync(100);
      expect(statusOf('db')).toBe(ComponentStatus.Failed);
      expect(statusOf('cache')).toBe(ComponentStatus.Failed);
      expect(released).toEqual(['db', 'cache']);
      expect(warnings()).toEqual([['db', 'a hook failed while discarding an instance: end failed']]);
      expect(monitors.unrecoverable).toEqual(['db']);
      expect(lines.filter(([format]) => format === 'monitor: %s %s')).toEqual([
        ['monitor: %s %s', 'giving up on', 'db'],
        ['monitor: %s %s', 'giving up on', 'cache'],
      ]);
      monitors.stopAll();
    });

    it('should fail the component alone when no graph was planned', async () => {
      const { monitors, statusOf, warnings } = monitorsOf(
        [
          { token: 'db', load: () => 1, healthCheck: () => false },
          { token: 'repo', dependsOn: ['db'], load: () => 1 },
        ],
        { planned: false },
      );
      monitors.start(giveUpAtOnce);
      await jest.advanceTimersByTimeAsync(100);
      expect(statusOf('db')).toBe(ComponentStatus.Failed);
      expect(statusOf('repo')).toBe(ComponentStatus.Ready);
      expect(warnings()).toEqual([]);
      monitors.stopAll();
    });

    it('should name a long dependency chain up to 32 components, then elide it down to the given-up one', async () => {
      const chain: ComponentDefinition[] = [{ token: 'c0', load: () => 0, healthCheck: () => false }];
      for (let k = 1; k <= 40; k++) chain.push({ token: `c${k}`, dependsOn: [`c${k - 1}`], load: () => k });
      const { monitors, states, index, statusOf } = monitorsOf(chain);
      monitors.start(giveUpAtOnce);
      await jest.advanceTimersByTimeAsync(100);
      expect(statusOf('c0')).toBe(ComponentStatus.Failed);
      const error = states.error[index('c40')] as DependencyFailedError;
      expect(error).toBeInstanceOf(DependencyFailedError);
      expect(error.path).toEqual([...Array.from({ length: 32 }, (_, k) => `c${40 - k}`), '…', 'c0']);
      expect((states.error[index('c31')] as DependencyFailedError).path).toEqual(Array.from({ length: 32 }, (_, k) => `c${31 - k}`));
      // 33 names: the 33rd is the given-up one itself, nothing is left out, so no `…`.
      expect((states.error[index('c32')] as DependencyFailedError).path).toEqual(Array.from({ length: 33 }, (_, k) => `c${32 - k}`));
      expect((states.error[index('c33')] as DependencyFailedError).path).toEqual([...Array.from({ length: 32 }, (_, k) => `c${33 - k}`), '…', 'c0']);
      monitors.stopAll();
    });
  });

  describe('giving up with restart', () => {
    it('should rebuild the component and its usable dependents only, releasing each, with no warning when the hooks pass', async () => {
      const { monitors, reloaded, released, warnings, index } = monitorsOf(
        [
          { token: 'db', load: () => 1, healthCheck: () => false },
          { token: 'other', load: () => 1 },
          { token: 'x', dependsOn: ['other'], load: () => 1 },
          { token: 'repo', dependsOn: ['db'], load: () => 1 },
          { token: 'flaky', required: false, dependsOn: ['db'], load: () => 1 },
          { token: 'api', dependsOn: ['repo', 'db'], load: () => 1 },
        ],
        { failed: ['flaky'] },
      );
      const monitor = monitors.start({ ...giveUpAtOnce, restart: true });
      await jest.advanceTimersByTimeAsync(110);
      expect(reloaded).toEqual([['db', 'repo', 'api']]);
      expect([...released].sort()).toEqual(['api', 'db', 'repo']);
      expect(monitors.scoreOf(index('db'))).toBeUndefined(); // a fresh instance: a fresh record
      expect(warnings()).toEqual([]);
      expect(lines.filter(([format]) => format === 'monitor: %s %s')).toEqual([['monitor: %s %s', 'restarting', 'db']]);
      monitor.stop();
    });

    it('should warn about a shutdown hook that failed before the restart', async () => {
      const { monitors, reloaded, warnings } = monitorsOf([
        {
          token: 'db',
          load: () => 1,
          healthCheck: () => false,
          onShutdown: () => {
            throw new Error('end failed');
          },
        },
      ]);
      monitors.start({ ...giveUpAtOnce, restart: true });
      await jest.advanceTimersByTimeAsync(110);
      expect(reloaded).toEqual([['db']]);
      expect(warnings()).toEqual([['db', 'its shutdown hook failed before its restart: end failed']]);
      monitors.stopAll();
    });
  });
});
