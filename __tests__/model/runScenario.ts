import { jest } from '@jest/globals';
import { Container, type ServiceIdentifier } from 'inversify';
import { Warmup, type BootReport, type WarmupOptions } from '../../src/index.js';
import { buildComponents, type Instance } from './buildComponents.js';
import { realProcess, realSetImmediate } from './realProcess.js';
import { RunLog, type ErrorInfo } from './RunLog.js';
import type { Action, Scenario } from './Scenario.js';
import { timeBound } from './timeBound.js';

/** What a run leaves for the model: the log, the names, and how far virtual time was driven. */
export interface Run {
  readonly log: RunLog;
  readonly names: readonly string[];
  /** Virtual ms by which boot() must have settled. */
  readonly bootBound: number;
  /** Virtual ms the run was driven to. */
  readonly end: number;
  /** The clock reading (ms since the epoch) at virtual ms 0: report times are on that clock. */
  readonly t0: number;
}

/**
 * Plays a scenario in virtual time (jest fake timers must be installed): `boot()` at `bootAt`, each
 * action once everything due at its ms has run, then `shutdown()` once the boot settled (unless an
 * action did), then time runs on until every late value has arrived.
 */
export async function runScenario(scenario: Scenario): Promise<Run> {
  jest.clearAllTimers();
  const t0 = Date.now();
  const log = new RunLog(t0);
  const onUnhandled = (reason: unknown): void => log.push({ k: 'unhandled', reason: String(reason) });
  realProcess.on('unhandledRejection', onUnhandled);
  try {
    const run = await play(scenario, log, t0);
    await new Promise<void>((r) => realSetImmediate(r)); // lets Node report what is still unhandled
    return run;
  } finally {
    realProcess.off('unhandledRejection', onUnhandled);
  }
}

/** A report handed out during the run, and a deep copy of how it read then. */
interface Given {
  readonly what: string;
  readonly live: BootReport;
  readonly copy: BootReport;
}

async function play(scenario: Scenario, log: RunLog, t0: number): Promise<Run> {
  const names = scenario.components.map((c) => c.name);
  const index = new Map(names.map((name, i) => [name, i]));
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
  let bootCalled = false;
  const progress = warmup.progress$.subscribe((p) => {
    if (bootCalled) log.push({ k: 'progress', total: p.total, settled: p.settled });
  });

  const now = (): number => Date.now() - t0;
  const advanceTo = async (t: number): Promise<void> => {
    await jest.advanceTimersByTimeAsync(Math.max(0, t - now()));
  };
  const given: Given[] = [];
  const keep = (what: string, live: BootReport): BootReport => {
    const copy = structuredClone(live);
    given.push({ what, live, copy });
    return copy;
  };
  let bootDone = false;
  const boot = (): void => {
    bootCalled = true;
    log.push({ k: 'boot-call' });
    warmup
      .boot()
      .then(
        (report) => log.push({ k: 'boot-end', ok: true, report: keep('the report boot() resolved with', report) }),
        (error: unknown) => {
          const info = errorInfo(error);
          log.push({ k: 'boot-end', ok: false, error: info.report === undefined ? info : { ...info, report: keep('BootError.report', info.report) } });
        },
      )
      .finally(() => {
        bootDone = true;
        keep('warmup.report() when boot() settled', warmup.report());
      });
  };

  let shutdown = false;
  const stop = (drainMs?: number): void => {
    shutdown = true;
    log.push({ k: 'shutdown-call', ...(drainMs === undefined ? {} : { drainMs }) });
    void warmup.shutdown(drainMs === undefined ? undefined : { drainMs }).finally(() => log.push({ k: 'shutdown-end' }));
  };
  let calls = 0;
  const bootAt = scenario.bootAt ?? 0;
  for (const action of scenario.actions) {
    if (!bootCalled && action.at >= bootAt) {
      await advanceTo(bootAt);
      boot();
    }
    await advanceTo(action.at);
    if (action.kind === 'shutdown') stop(action.drainMs);
    else if (action.kind === 'report') log.push({ k: 'report', final: false, report: keep(`warmup.report() at ${action.at} ms`, warmup.report()) });
    else getAsync(warmup, container, log, calls++, action, tokens[action.target]!);
  }
  if (!bootCalled) {
    await advanceTo(bootAt);
    boot();
  }
  const bound = timeBound(scenario);
  const step = Math.max(50, Math.ceil(bound.boot / 20));
  while (!bootDone && now() < bound.boot) await advanceTo(Math.min(bound.boot, now() + step));
  await advanceTo(now()); // what the boot's end set off in the same ms
  if (bootDone) probeContainer(container, tokens, log);
  if (!shutdown) stop();
  await advanceTo(Math.max(bound.late, now()));
  probeContainer(container, tokens, log);
  for (const g of given) {
    const drift = reportDrift(g.copy, g.live);
    if (drift !== undefined) log.push({ k: 'report-drift', detail: `${g.what}: ${drift}` });
  }
  log.push({ k: 'report', final: true, report: structuredClone(warmup.report()) });

  events.unsubscribe();
  phases.unsubscribe();
  progress.unsubscribe();
  return { log, names, bootBound: bound.boot, end: now(), t0 };
}

function warmupOptions(scenario: Scenario): WarmupOptions {
  const { random, ...rest } = scenario.options;
  return { ...rest, random: () => random };
}

function getAsync(warmup: Warmup, container: Container, log: RunLog, call: number, action: Extract<Action, { kind: 'getAsync' }>, token: ServiceIdentifier): void {
  const c = action.target;
  log.push({ k: 'get-async-call', call, c, ...(action.via === undefined ? {} : { via: action.via }) });
  const id = token as ServiceIdentifier<Instance>;
  (action.via === 'container' ? container.getAsync<Instance>(id) : warmup.getAsync<Instance>(id)).then(
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

/** Where a report given out earlier reads differently now: the first component that changed, or a top-level field. */
function reportDrift(then: BootReport, now: BootReport): string | undefined {
  for (const [name, was] of Object.entries(then.components)) {
    const is = now.components[name];
    if (JSON.stringify(was) !== JSON.stringify(is)) return `${name}: ${JSON.stringify(was)} → ${JSON.stringify(is)}`;
  }
  const top = (r: BootReport): string => JSON.stringify({ ...r, components: undefined });
  if (top(then) !== top(now)) return `${top(then)} → ${top(now)}`;
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
