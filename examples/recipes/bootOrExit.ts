// Recipe: telling a boot cancelled by shutdown from a failed one (docs/recipes.md#cancelled-or-failed).
import { ErrorCode, PreheatError, type BootReport, type Warmup } from 'preheat';

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
 *   shutdown, `boot()` rejects with a `BootError` (whose cause is the cancellation): it is logged,
 *   and the exit is still left to the shutdown;
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
    if (PreheatError.is(error) && error.code === ErrorCode.BootCancelled) return undefined;
    log(`boot failed: ${error instanceof Error ? error.message : String(error)}`);
    if (stoppedByShutdown(error)) return undefined; // a failure, but the shutdown under way ends the process
    await warmup.shutdown(); // idempotent; after failFast it has already run
    exit(1);
    return undefined;
  }
}

/**
 * True for a BootError of a boot that `shutdown()` cut short: its cause is the shutdown's
 * BootCancelledError, which has no cause of its own (fail-fast's names the failure that fired it).
 */
export function stoppedByShutdown(error: unknown): boolean {
  if (!PreheatError.is(error) || error.code !== ErrorCode.BootFailed) return false;
  const cause = error.cause;
  return PreheatError.is(cause) && cause.code === ErrorCode.BootCancelled && cause.cause === undefined;
}
