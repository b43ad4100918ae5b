import { concat, defer, lastValueFrom, type Observable } from 'rxjs';
import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { bootPriorities } from '../component/Priority.js';
import { BootCancelledError } from '../errors/BootCancelledError.js';
import { ErrorCode } from '../errors/ErrorCode.js';
import { PreheatError } from '../errors/PreheatError.js';
import type { BootReport } from '../report/BootReport.js';
import type { Readiness } from '../readiness/Readiness.js';
import type { LoadEngine } from '../schedule/LoadEngine.js';
import { BootError } from './BootError.js';
import type { Loads } from './Loads.js';

/** What one boot runs on. */
export interface BootParts {
  readonly specs: readonly ComponentSpec[];
  readonly loads: Loads;
  readonly readiness: Readiness;
  readonly schedule: 'waves' | 'eager';
  readonly failFast: boolean;
  /** Priming: the `prime()` hooks, after the last wave and before the report and `ready`. */
  prime(): Promise<void>;
  /** Plans every usable component's token in the container, as inversify's own getAsync boot does. */
  planTokens(): void;
  /** The report, built once, when the waves are over. */
  report(): BootReport;
  /** Disposes what was ready after fail-fast stopped the boot. */
  shutdown(): Promise<unknown>;
}

/**
 * What happens when you call `boot()`, top to bottom:
 *
 * 1. **Plan** — build the dependency graph (constructor injection + `dependsOn`), reject cycles and
 *    missing dependencies (the phase becomes `failed`), apply priority inversion. Nothing has
 *    loaded yet.
 * 2. **Want** — every component whose effective priority is not DEFERRED joins the boot; those with
 *    no unsettled dependency enter the ready queue. Phase `booting`.
 * 3. **Load** — the waves run one after another (`concat`): CRITICAL, HIGH, MEDIUM, LOW. Inside a
 *    wave the dispatcher starts components as dependencies settle, within `maxConcurrent` and the
 *    memory budget; each runs its attempt loop (timeout, retries with backoff, health check).
 *    In `eager` mode one stream unblocks all waves at once and the queue orders by priority.
 *    Then the container's plans: every usable component's token is planned, as inversify's own
 *    getAsync boot leaves them, so the first `container.get` plans nothing. Then priming: the
 *    `prime()` hooks of what loaded, so the first request finds warm code.
 * 4. **Outcome** — the report is built once; the boot resolves with it (phase `ready`), rejects with
 *    BootError when a required member failed (phase `failed`; after fail-fast, once what was ready is
 *    disposed), or with the cancellation error when shutdown() stopped it (a BootError still, with
 *    the cancellation as its cause, when a required member had failed before).
 */
export async function runBoot(parts: BootParts): Promise<BootReport> {
  const engine = plan(parts); // 1
  want(parts, engine); // 2
  const loaded = load(parts, engine); // 3
  parts.loads.trackBoot(loaded); // a shutdown waits for the waves and the report, not for the outcome
  return outcome(parts, engine, await loaded); // 4
}

function plan({ loads, readiness }: BootParts): LoadEngine {
  try {
    return loads.engine();
  } catch (error) {
    readiness.phase.fail();
    throw error;
  }
}

function want({ specs, loads, readiness, schedule, failFast }: BootParts, engine: LoadEngine): void {
  const { total, settledEarly } = engine.markBootSet();
  readiness.startBoot(total, schedule);
  const { status, error } = readiness.states;
  for (const i of settledEarly) {
    // Loaded by getAsync before boot(): settled already, in the order they settled.
    readiness.settled(i);
    if (failFast && status[i] === ComponentStatus.Failed && specs[i]!.required && loads.cancelled === undefined) {
      loads.cancel(new BootCancelledError(`fail-fast: required component '${specs[i]!.name}' failed`, undefined, error[i]));
    }
  }
  engine.queueBootSet(); // after a fail-fast above, what it wants fails with the cancellation at once
  readiness.advanceWaves(loads); // empty waves are settled already
}

/** Runs the waves; resolves with the report, built once they are over. */
async function load(parts: BootParts, engine: LoadEngine): Promise<BootReport> {
  await lastValueFrom(waves(parts, engine), { defaultValue: undefined });
  parts.planTokens(); // the first container.get plans nothing, and prime() hooks find the plans made
  await parts.prime();
  return parts.report();
}

function waves({ readiness, schedule }: BootParts, engine: LoadEngine): Observable<never> {
  if (schedule === 'eager') return engine.all$();
  return concat(
    ...bootPriorities.map((priority) =>
      defer(() => {
        readiness.enterWave(priority, schedule);
        return engine.wave$(priority);
      }),
    ),
  );
}

async function outcome(parts: BootParts, engine: LoadEngine, report: BootReport): Promise<BootReport> {
  const { specs, loads, readiness } = parts;
  const cancelled = loads.cancelled;
  const failedRequired: string[] = [];
  let failedForReal = false;
  for (let i = 0; i < specs.length; i++) {
    if (!specs[i]!.required || !engine.inBoot(i) || readiness.states.status[i] !== ComponentStatus.Failed) continue;
    failedRequired.push(specs[i]!.name);
    const error = readiness.states.error[i];
    failedForReal ||= !(PreheatError.is(error) && error.code === ErrorCode.BootCancelled);
  }
  if (cancelled !== undefined && readiness.phase.stopping) {
    // Shutdown owns the phase from here. A required component that had failed before it (not only
    // cancelled by it) still makes this a failed boot, not just a stopped one.
    if (failedForReal) throw new BootError(report, failedRequired, cancelled);
    throw cancelled;
  }
  if (cancelled !== undefined) {
    readiness.phase.fail();
    await parts.shutdown(); // fail-fast: nothing stays half-up; dispose what was ready
    throw new BootError(report, failedRequired, cancelled);
  }
  if (failedRequired.length > 0) {
    readiness.phase.fail();
    throw new BootError(report, failedRequired);
  }
  readiness.phase.ready();
  return report;
}
