import { jest } from '@jest/globals';
import { Container, type ServiceIdentifier } from 'inversify';
import { Warmup, type BootReport, type WarmupOptions } from '../../src/index.js';
import { buildComponents, type Instance } from './buildComponents.js';
import { realProcess, realSetImmediate } from './realProcess.js';
import { RunLog, type ErrorInfo } from './RunLog.js';
import type { Scenario } from './Scenario.js';
import { timeBound } from './timeBound.js';

/** What a run leaves for the model: the log, the names, and how far virtual time was driven. */
export interface Run {
  readonly log: RunLog;
  readonly names: readonly string[];
  /** Virtual ms by which boot() must have settled. */
  readonly bootBound: number;
  /** Virtual ms the run was driven to. */
  readonly end: number;
}

/**
 * Plays a scenario in virtual time (jest fake timers must be installed): `boot()` at 0, each action
 * once everything due at its ms has run, then `shutdown()` once the boot settled (unless an action
 * did), then time runs on until every late value has arrived.
 */
export async function runScenario(scenario: Scenario): Promise<Run> {
  jest.clearAllTimers();
  const t0 = Date.now();
  const log = new RunLog(t0);
  const names = scenario.components.map((c) => c.name);
  const index = new Map(names.map((name, i) => [name, i]));
  const onUnhandled = (reason: unknown): void => log.push({ k: 'unhandled', reason: String(reason) });
  realProcess.on('unhandledRejection', onUnhandled);

  const container = new Container();
  const warmup = new Warmup(container, warmupOptions(scenario));
  const { items, tokens } = buildComponents(scenario, log);
  warmup.register(scenario.registration === undefined ? items : scenario.registration.map((c) => items[c]!));
  const events = warmup.events$.subscribe((e) => {
    const c = index.get(e.name)!;
    if (e.type === 'status') log.push({ k: 'status', c, from: e.previous, to: e.status, ...(e.error ? { error: errorInfo(e.error) } : {}) });
    else if (e.type === 'attempt') log.push({ k: 'attempt', c, n: e.attempt!, outcome: e.outcome! });
    else if (e.type === 'warning') log.push({ k: 'warning', c, message: e.message ?? '' });
  });
  const phases = warmup.phase$.subscribe((phase) => log.push({ k: 'phase', phase }));

  const now = (): number => Date.now() - t0;
  const advanceTo = async (t: number): Promise<void> => {
    await jest.advanceTimersByTimeAsync(Math.max(0, t - now()));
  };
  let bootDone = false;
  let given: { live: BootReport; copy: BootReport } | undefined;
  log.push({ k: 'boot-call' });
  warmup.boot().then(
    (report) => {
      given = { live: report, copy: structuredClone(report) };
      log.push({ k: 'boot-end', ok: true, report: given.copy });
    },
    (error: unknown) => {
      const info = errorInfo(error);
      if (info.report !== undefined) given = { live: info.report, copy: structuredClone(info.report) };
      log.push({ k: 'boot-end', ok: false, error: given === undefined ? info : { ...info, report: given.copy } });
    },
  ).finally(() => (bootDone = true));

  let shutdown = false;
  const stop = (): void => {
    shutdown = true;
    log.push({ k: 'shutdown-call' });
    void warmup.shutdown().finally(() => log.push({ k: 'shutdown-end' }));
  };
  let calls = 0;
  for (const action of scenario.actions) {
    await advanceTo(action.at);
    if (action.kind === 'shutdown') stop();
    else getAsync(warmup, log, calls++, action.target, tokens[action.target]!);
  }
  const { boot, late } = timeBound(scenario);
  const step = Math.max(50, Math.ceil(boot / 20));
  while (!bootDone && now() < boot) await advanceTo(Math.min(boot, now() + step));
  await advanceTo(now()); // what the boot's end set off in the same ms
  if (bootDone) probeContainer(container, tokens, log);
  if (!shutdown) stop();
  await advanceTo(Math.max(late, now()));
  probeContainer(container, tokens, log);
  const drift = given === undefined ? undefined : reportDrift(given.copy, given.live);
  if (drift !== undefined) log.push({ k: 'report-drift', detail: drift });

  events.unsubscribe();
  phases.unsubscribe();
  await new Promise<void>((r) => realSetImmediate(r)); // lets Node report what is still unhandled
  realProcess.off('unhandledRejection', onUnhandled);
  return { log, names, bootBound: boot, end: now() };
}

function warmupOptions(scenario: Scenario): WarmupOptions {
  const { random, ...rest } = scenario.options;
  return { ...rest, random: () => random };
}

function getAsync(warmup: Warmup, log: RunLog, call: number, c: number, token: ServiceIdentifier): void {
  log.push({ k: 'get-async-call', call, c });
  warmup.getAsync<Instance>(token as ServiceIdentifier<Instance>).then(
    (instance) => log.push({ k: 'get-async-end', call, c, id: instance.id }),
    (error: unknown) => log.push({ k: 'get-async-end', call, c, error: errorInfo(error) }),
  );
}

/** `container.get` of every component: the warm instance, or the error it throws. */
function probeContainer(container: Container, tokens: readonly ServiceIdentifier[], log: RunLog): void {
  tokens.forEach((token, c) => {
    try {
      log.push({ k: 'container-get', c, id: container.get<Instance>(token as ServiceIdentifier<Instance>).id });
    } catch (error) {
      log.push({ k: 'container-get', c, error: errorInfo(error) });
    }
  });
}

/** The first component whose entry in a report given out earlier reads differently now. */
function reportDrift(then: BootReport, now: BootReport): string | undefined {
  for (const [name, was] of Object.entries(then.components)) {
    const is = now.components[name];
    if (JSON.stringify(was) !== JSON.stringify(is)) return `${name}: ${JSON.stringify(was)} → ${JSON.stringify(is)}`;
  }
  return undefined;
}

export function errorInfo(error: unknown, depth = 0): ErrorInfo {
  const e = error as Partial<ErrorInfo & { cause: unknown }> | null | undefined;
  const info: Record<string, unknown> = { name: typeof e?.name === 'string' ? e.name : typeof error };
  if (typeof e?.code === 'string') info['code'] = e.code;
  if (Array.isArray(e?.failedRequired)) info['failedRequired'] = e.failedRequired;
  if (Array.isArray(e?.path)) info['path'] = e.path;
  if (e?.report !== undefined) info['report'] = e.report;
  if (e?.cause !== undefined && depth < 2) info['cause'] = errorInfo(e.cause, depth + 1);
  return info as unknown as ErrorInfo;
}
