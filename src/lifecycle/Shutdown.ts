import { debug } from '../debug.js';
import type { ShutdownConfig } from './ShutdownConfig.js';
import { runShutdown } from './runShutdown.js';
import { ShutdownHooks } from './ShutdownHooks.js';
import { checkShutdownOptions, type ShutdownHooksOptions, type ShutdownOptions } from './ShutdownOptions.js';
import type { ShutdownReport } from './ShutdownReport.js';

/**
 * `shutdown()` and `enableShutdownHooks()`: one shutdown per Warmup (every call shares it), the
 * signal hooks, and the end of every stream. The steps read top-down in {@link runShutdown}.
 */
export class Shutdown {
  readonly hooks = new ShutdownHooks((options) => this.start(options));
  readonly #config: ShutdownConfig;
  #run: Promise<ShutdownReport> | undefined;

  constructor(config: ShutdownConfig) {
    this.#config = config;
  }

  /** True once `shutdown()` was called. */
  get started(): boolean {
    return this.#run !== undefined;
  }

  /**
   * Starts the shutdown (or returns the one under way). The phase becomes `stopping` during this
   * call, so a readiness probe answered right after it already fails; the promise is kept before
   * that, so a `phase$` subscriber that calls `shutdown()` again gets the same one. Bad options
   * reject (InvalidOptionError) and start nothing, like every other failure of a promise-returning
   * call: a caller with only `.catch()` sees them.
   */
  start(options: ShutdownOptions = {}): Promise<ShutdownReport> {
    if (this.#run !== undefined) return this.#run;
    try {
      checkShutdownOptions('shutdown', options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { drainMs = 0, beforeStop } = options;
    let resolve!: (report: ShutdownReport) => void;
    let reject!: (error: unknown) => void;
    const run = (this.#run = new Promise<ShutdownReport>((res, rej) => ((resolve = res), (reject = rej))));
    this.#config.readiness.phase.stop();
    this.#stop(drainMs, beforeStop).then(resolve, reject);
    return run;
  }

  /** Adds process signal listeners that start the shutdown; a no-op once it is over. */
  enableHooks(options?: ShutdownHooksOptions | readonly NodeJS.Signals[]): () => void {
    return this.#config.readiness.phase.value === 'stopped' ? noop : this.hooks.enable(options);
  }

  #stop(drainMs: number, beforeStop: ShutdownOptions['beforeStop']): Promise<ShutdownReport> {
    debug('shutdown: drain %d ms', drainMs);
    return runShutdown({ ...this.#config, hooks: this.hooks }, { drainMs, beforeStop });
  }
}

function noop(): void {}
