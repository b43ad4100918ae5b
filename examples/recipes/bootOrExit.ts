// Recipe: telling a boot cancelled by shutdown from a failed one (docs/recipes.md#cancelled-or-failed).
import { ComponentStatus, ErrorCode, PreheatError, type BootReport, type Warmup } from 'preheat';

/** Where `bootOrExit` reports and how it ends the process; both replaceable (tests, loggers). */
export interface BootOrExitOptions {
  readonly log?: (message: string) => void;
  readonly exit?: (code: number) => void;
}

/**
 * `warmup.boot()` with the catch a service needs:
 *
 * - the boot succeeded: resolves with the report;
 * - **`shutdown()` stopped it** (a SIGTERM during a slow boot, a rollout): `BootCancelledError`.
 *   Not a failure; resolves with `undefined` and leaves the exit to the shutdown under way
 *   (`enableShutdownHooks` exits 0). If a required component had already failed before the
 *   shutdown, that is logged: `boot()` does not say so itself;
 * - **it failed** (`BootError`: a required component failed; under `failFast` its `cause` is a
 *   `BootCancelledError`, and it is still a failure), or the graph is invalid: logs, disposes what
 *   was ready (`shutdown()`), exits 1.
 *
 * @example
 * ```ts
 * warmup.enableShutdownHooks({ drainMs: 5_000 });
 * if ((await bootOrExit(warmup)) !== undefined) server.listen(8080);
 * ```
 */
export async function bootOrExit(warmup: Warmup, options: BootOrExitOptions = {}): Promise<BootReport | undefined> {
  const { log = (message) => console.error(message), exit = (code) => process.exit(code) } = options;
  try {
    return await warmup.boot();
  } catch (error) {
    if (PreheatError.is(error) && error.code === ErrorCode.BootCancelled) {
      const failed = failedBeforeShutdown(warmup.report());
      if (failed.length > 0) log(`boot failed, then the service was shut down: ${failed.join(', ')}`);
      return undefined;
    }
    log(`boot failed: ${error instanceof Error ? error.message : String(error)}`);
    await warmup.shutdown(); // idempotent; after failFast it has already run
    exit(1);
    return undefined;
  }
}

/**
 * Required components that failed on their own, not because a shutdown cancelled them (those
 * carry `PREHEAT_BOOT_CANCELLED`).
 */
export function failedBeforeShutdown(report: BootReport): string[] {
  return Object.values(report.components)
    .filter((c) => c.required && c.status === ComponentStatus.Failed && c.errorCode !== ErrorCode.BootCancelled)
    .map((c) => c.name);
}
