import { concat, defer, lastValueFrom, type Observable } from 'rxjs';
import { ComponentStatus, isSettled } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { bootPriorities } from '../component/Priority.js';
import { BootError } from '../errors/BootError.js';
import type { BootReport } from '../report/BootReport.js';
import type { Readiness } from '../readiness/Readiness.js';
import type { LoadEngine } from '../schedule/LoadEngine.js';

/** What one boot needs; the Warmup provides it. */
export interface BootContext {
  readonly specs: readonly ComponentSpec[];
  readonly readiness: Readiness;
  readonly schedule: 'waves' | 'eager';
  /** Builds the graph and the engine (once); throws on cycles and missing dependencies. */
  engine(): LoadEngine;
  /** Set when the boot was cancelled (shutdown, fail-fast); checked once the waves are over. */
  cancelled(): Error | undefined;
  shuttingDown(): boolean;
  /** Every required component of the CRITICAL wave is usable. */
  criticalUsable(): boolean;
  status(index: number): ComponentStatus;
  report(): BootReport;
}

/**
 * What happens when you call `boot()`, top to bottom:
 *
 * 1. **Plan** — build the dependency graph (constructor injection + `dependsOn`), reject cycles and
 *    missing dependencies, apply priority inversion. Nothing has loaded yet.
 * 2. **Want** — every component whose effective priority is not DEFERRED joins the boot; those with
 *    no unsettled dependency enter the ready queue.
 * 3. **Load** — the waves run one after another (`concat`): CRITICAL, HIGH, MEDIUM, LOW. Inside a
 *    wave the dispatcher starts components as dependencies settle, within `maxConcurrent` and the
 *    memory budget; each runs its attempt loop (timeout, retries with backoff, health check).
 *    In `eager` mode one stream unblocks all waves at once and the queue orders by priority.
 * 4. **Outcome** — the report is built once; the boot resolves with it, or rejects with BootError
 *    when a required component failed, or with the cancellation error after shutdown / fail-fast.
 */
export async function runBoot(ctx: BootContext): Promise<BootReport> {
  const engine = ctx.engine(); // 1. plan
  const total = engine.wantBootSet(); // 2. want
  ctx.readiness.startBoot(total, ctx.schedule);
  for (let i = 0; i < ctx.specs.length; i++) if (engine.inBoot(i) && isSettled(ctx.status(i))) ctx.readiness.settled(i); // loaded early by getAsync
  ctx.readiness.advanceWaves((p) => engine.remaining(p), () => ctx.criticalUsable()); // empty waves are settled already
  await lastValueFrom(loadWaves(ctx, engine), { defaultValue: undefined }); // 3. load
  const report = ctx.report(); // 4. outcome
  const cancelled = ctx.cancelled();
  const failedRequired = ctx.specs
    .filter((spec) => spec.required && engine.inBoot(spec.index) && ctx.status(spec.index) === ComponentStatus.Failed)
    .map((spec) => spec.name);
  if (cancelled !== undefined && ctx.shuttingDown()) throw cancelled; // shutdown owns the phase from here
  if (cancelled !== undefined) {
    ctx.readiness.phase.next('failed');
    throw new BootError(report, failedRequired, cancelled);
  }
  if (failedRequired.length > 0) {
    ctx.readiness.phase.next('failed');
    throw new BootError(report, failedRequired);
  }
  ctx.readiness.phase.next('ready');
  return report;
}

function loadWaves(ctx: BootContext, engine: LoadEngine): Observable<never> {
  if (ctx.schedule === 'eager') return engine.all$();
  return concat(
    ...bootPriorities.map((priority) =>
      defer(() => {
        ctx.readiness.enterWave(priority, ctx.schedule);
        return engine.wave$(priority);
      }),
    ),
  );
}
