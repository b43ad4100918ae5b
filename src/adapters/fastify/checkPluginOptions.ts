import { InvalidOptionError } from '../../index.js';
import type { PreheatFastifyOptions } from './PreheatFastifyOptions.js';

const readyModes = new Set(['none', 'critical', 'all']);

/** Throws InvalidOptionError, when the plugin loads, for options it cannot use (JavaScript callers, typos). */
export function checkPluginOptions(options: PreheatFastifyOptions): void {
  const owner = 'preheat/fastify';
  const { warmup, ready, drainMs, signals } = options as Partial<PreheatFastifyOptions>;
  // Duck-typed, not instanceof: two copies of preheat in one app must not make a valid Warmup invalid.
  if (typeof warmup?.boot !== 'function' || typeof warmup.getStatus !== 'function') throw new InvalidOptionError(owner, 'warmup', 'must be a Warmup (app.register(preheat, { warmup }))', warmup);
  if (ready !== undefined && !readyModes.has(ready)) throw new InvalidOptionError(owner, 'ready', "must be 'none', 'critical' or 'all'", ready);
  if (drainMs !== undefined && !(typeof drainMs === 'number' && drainMs >= 0 && Number.isFinite(drainMs))) {
    throw new InvalidOptionError(owner, 'drainMs', 'must be a number of ms, 0 or more', drainMs);
  }
  if (signals !== undefined && !Array.isArray(signals)) throw new InvalidOptionError(owner, 'signals', "must be a list of signals, e.g. ['SIGTERM']", signals);
}
