import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { asyncScheduler } from 'rxjs';
import { planBoot } from '../../../src/boot/planBoot.js';
import type { ComponentDefinition } from '../../../src/component/ComponentDefinition.js';
import { ComponentRegistry } from '../../../src/component/ComponentRegistry.js';
import { ComponentStatus } from '../../../src/component/ComponentStatus.js';
import { toComponentSpec } from '../../../src/component/toComponentSpec.js';
import { BootCancelledError } from '../../../src/errors/BootCancelledError.js';
import { runShutdown, type ShutdownParts, type ShutdownSteps } from '../../../src/lifecycle/runShutdown.js';
import type { ShutdownHooks } from '../../../src/lifecycle/ShutdownHooks.js';
import type { ShutdownReport } from '../../../src/lifecycle/ShutdownReport.js';
import { ComponentStates } from '../../../src/readiness/ComponentStates.js';
import { PhaseMachine } from '../../../src/readiness/Phase.js';
import { Readiness } from '../../../src/readiness/Readiness.js';
import { clockFrom } from '../../../src/run/Clock.js';
import { settle } from '../../helpers/settle.js';

/** The shutdown's collaborators, each writing what it is asked to do into `log` (ms since start). */
function partsOf(definitions: ComponentDefinition[], log: string[], options: { settleAfter?: number; shutdownTimeout?: number } = {}) {
  const registry = new ComponentRegistry();
  registry.addAll(definitions.map((d, i) => toComponentSpec(d, i)));
  const states = new ComponentStates(registry.specs);
  states.grow(registry.size);
  for (const s of registry.specs) states.settle(s.index, ComponentStatus.Ready, 0, s.name, undefined, 1);
  const phase = new PhaseMachine();
  const readiness = new Readiness(states, registry.specs, phase);
  const t0 = Date.now();
  const at = () => Date.now() - t0;
  let cancelled: Error | undefined;
  const parts: ShutdownParts = {
    specs: registry.specs,
    states,
    readiness,
    plan: { graph: planBoot(registry, () => false).graph },
    clock: clockFrom(asyncScheduler),
    shutdownTimeout: options.shutdownTimeout ?? 1_000,
    monitors: { stopAll: () => void log.push(`${at()} monitors stop`) },
    work: {
      cancel: (reason) => void ((cancelled = reason), log.push(`${at()} cancel`)),
      whenSettled: () => new Promise<void>((r) => setTimeout(() => (log.push(`${at()} settled`), r()), options.settleAfter ?? 0)),
    },
    bindings: { release: (spec) => void log.push(`${at()} release ${spec.name}`) },
    hooks: { removeAll: () => void log.push(`${at()} signal hooks removed`) } as unknown as ShutdownHooks,
  };
  phase.boot();
  phase.stop(); // set by shutdown() itself, before runShutdown
  return { parts, states, phase, readiness, at, cancelled: () => cancelled };
}

function run(parts: ShutdownParts, steps: ShutdownSteps): Promise<ShutdownReport> {
  return settle(runShutdown(parts, steps));
}

describe('runShutdown', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('should cancel, drain, run beforeStop, wait for the loads, stop dependents first, then finish, in that order', async () => {
    const log: string[] = [];
    const h = partsOf(
      [
        { token: 'db', load: () => 1, onShutdown: () => void log.push(`${h.at()} hook db`) },
        { token: 'api', dependsOn: ['db'], load: () => 1, onShutdown: () => void log.push(`${h.at()} hook api`) },
      ],
      log,
      { settleAfter: 30 },
    );
    let phaseDone = false;
    h.phase.phase$.subscribe({ complete: () => (phaseDone = true) });
    const report = await run(h.parts, {
      drainMs: 100,
      beforeStop: async (signal) => {
        log.push(`${h.at()} beforeStop ${signal.aborted}`);
        await new Promise((r) => setTimeout(r, 20));
      },
    });
    expect(log).toEqual([
      '0 monitors stop',
      '0 cancel',
      '100 beforeStop false',
      '150 settled',
      '150 hook api',
      '150 release api',
      '150 hook db',
      '150 release db',
      '150 signal hooks removed',
    ]);
    expect(h.cancelled()).toBeInstanceOf(BootCancelledError);
    expect(h.cancelled()!.message).toMatch(/shutting down/);
    expect(report).toMatchObject({ durationMs: 150, stopped: ['api', 'db'], failed: [], beforeStop: { outcome: 'done', durationMs: 20 } });
    expect(report.finishedAt - report.startedAt).toBe(150);
    expect(h.phase.value).toBe('stopped');
    expect(phaseDone).toBe(true);
    expect(h.states.status).toEqual([ComponentStatus.Stopped, ComponentStatus.Stopped]);
  });

  it('should skip the drain and beforeStop when not asked for, and report no beforeStop', async () => {
    const log: string[] = [];
    const h = partsOf([{ token: 'a', load: () => 1 }], log);
    const report = await run(h.parts, { drainMs: 0, beforeStop: undefined });
    expect(report.durationMs).toBe(0);
    expect('beforeStop' in report).toBe(false);
    expect(report.components).toEqual({ a: { name: 'a', outcome: 'stopped', durationMs: 0 } });
  });

  it('should record a beforeStop that throws as failed and one past shutdownTimeout as timeout, and stop the components either way', async () => {
    const failing = partsOf([{ token: 'a', load: () => 1 }], []);
    const failed = await run(failing.parts, { drainMs: 0, beforeStop: () => Promise.reject(new Error('close failed')) });
    expect(failed.beforeStop).toEqual({ outcome: 'failed', durationMs: 0, error: 'close failed' });
    expect(failed.stopped).toEqual(['a']);

    let signal: AbortSignal | undefined;
    const hanging = partsOf([{ token: 'a', load: () => 1 }], [], { shutdownTimeout: 40 });
    const timedOut = await run(hanging.parts, { drainMs: 0, beforeStop: (s) => ((signal = s), new Promise<void>(() => undefined)) });
    expect(timedOut.beforeStop).toMatchObject({ outcome: 'timeout', durationMs: 40 });
    expect(timedOut.beforeStop?.error).toMatch(/^Component 'beforeStop' shutdown hook did not finish within 40 ms/);
    expect(signal?.aborted).toBe(true);
    expect(timedOut.stopped).toEqual(['a']);
  });

  it('should save the adaptive state once nothing loads, and wait for it before any component stops', async () => {
    const log: string[] = [];
    const h = partsOf([{ token: 'db', load: () => 1, onShutdown: () => void log.push(`${h.at()} hook db`) }], log, { settleAfter: 10 });
    const saving = (name: string, ms: number) => ({
      stop: () => new Promise<void>((r) => setTimeout(() => (log.push(`${h.at()} ${name} saved`), r()), ms)),
    });
    const report = await run({ ...h.parts, adaptive: [saving('profile', 30), saving('snapshots', 20)] }, { drainMs: 0, beforeStop: undefined });
    expect(log).toEqual(['0 monitors stop', '0 cancel', '10 settled', '30 snapshots saved', '40 profile saved', '40 hook db', '40 release db', '40 signal hooks removed']);
    expect(report.durationMs).toBe(40);
  });
});
