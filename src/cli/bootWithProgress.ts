import { ErrorCode, PreheatError, type BootReport } from '../index.js';
import { CliError, CliErrorCode, oneLine } from './CliError.js';
import type { BootableWarmup } from './loadWarmup.js';
import { watchBoot, type ProgressMode } from './progress/watchBoot.js';
import type { Terminal } from './Terminal.js';

/** How a boot ended: the report, and the required components that failed (empty on success). */
export interface BootOutcome {
  readonly report: BootReport;
  readonly failedRequired: readonly string[];
}

/**
 * Boots with the live progress display. A boot that fails because required components failed
 * still gives its report; one that fails before anything loads (a cycle, a missing dependency)
 * becomes a CliError.
 */
export async function bootWithProgress(warmup: BootableWarmup, term: Terminal, mode: ProgressMode, verbose: boolean): Promise<BootOutcome> {
  const stop = watchBoot(warmup, term, mode, verbose);
  try {
    return { report: await warmup.boot(), failedRequired: [] };
  } catch (error) {
    if (PreheatError.is(error) && error.code === ErrorCode.BootFailed && 'report' in error) {
      const report = error.report as BootReport;
      const failedRequired = 'failedRequired' in error ? (error.failedRequired as string[]) : report.failedComponents;
      return { report, failedRequired };
    }
    throw new CliError(CliErrorCode.BootFailed, `boot failed: ${oneLine(error)}`, { cause: error });
  } finally {
    stop();
  }
}

/** Shuts the Warmup down so components release what they hold, giving up after `limitMs`. */
export async function shutdownQuietly(warmup: BootableWarmup, limitMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
  try {
    await Promise.race([warmup.shutdown().then(() => undefined, () => undefined), limit]);
  } finally {
    clearTimeout(timer);
  }
}
