import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { checkShutdownOptions, type ShutdownHooksOptions, type ShutdownOptions } from './ShutdownOptions.js';
import type { ShutdownReport } from './ShutdownReport.js';

/**
 * Process signal listeners that start a shutdown. They stay while the shutdown runs (a second
 * signal is ignored, not fatal) and are removed when it is over, however it started: a Warmup
 * booted and shut down two thousand times leaves no listener behind.
 */
export class ShutdownHooks {
  readonly #removers = new Set<() => void>();

  constructor(private readonly shutdown: (options: ShutdownOptions) => Promise<ShutdownReport>) {}

  /** Adds the listeners; returns the function that removes them. */
  enable(options: ShutdownHooksOptions | readonly NodeJS.Signals[] = {}): () => void {
    const given: ShutdownHooksOptions = isSignalList(options) ? { signals: options } : options;
    const { signals = defaultSignals, exitCode, ...shutdownOptions } = given;
    if (!isSignalList(signals) || signals.some((s) => typeof s !== 'string')) {
      throw new InvalidOptionError('enableShutdownHooks', 'signals', "must be a list of signal names such as 'SIGTERM'", signals);
    }
    checkShutdownOptions('enableShutdownHooks', shutdownOptions);
    if (exitCode !== undefined && exitCode !== false && typeof exitCode !== 'function' && !Number.isInteger(exitCode)) {
      throw new InvalidOptionError('enableShutdownHooks', 'exitCode', 'must be a whole number, a function of the report, or false', exitCode);
    }
    let handled = false;
    const onSignal = (): void => {
      if (handled) return;
      handled = true;
      void this.shutdown(shutdownOptions).then(
        (report) => {
          if (exitCode !== false) process.exit(exitCodeOf(exitCode, report));
        },
        () => process.exit(1),
      );
    };
    for (const signal of signals) process.on(signal, onSignal);
    const remove = (): void => {
      this.#removers.delete(remove);
      for (const signal of signals) process.removeListener(signal, onSignal);
    };
    this.#removers.add(remove);
    return remove;
  }

  /** Removes every listener (the shutdown is over). */
  removeAll(): void {
    for (const remove of [...this.#removers]) remove();
  }
}

const defaultSignals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

function isSignalList(options: ShutdownHooksOptions | readonly NodeJS.Signals[]): options is readonly NodeJS.Signals[] {
  return Array.isArray(options);
}

function exitCodeOf(exitCode: ShutdownHooksOptions['exitCode'], report: ShutdownReport): number {
  if (typeof exitCode === 'number') return exitCode;
  if (typeof exitCode === 'function') {
    try {
      return exitCode(report);
    } catch {
      return 1;
    }
  }
  return report.failed.length > 0 ? 1 : 0;
}
