import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import type { ResolvedBackoff } from '../component/ComponentSpec.js';

/**
 * Delay in ms before the attempt after `attempt` (1-based): `delay * factor^(attempt-1)`, capped at
 * `maxDelay`, then spread by ±`jitter` using `random()` in [0, 1).
 */
export function backoffDelay(attempt: number, config: ResolvedBackoff, random: () => number): number {
  const base = Math.min(config.maxDelay, config.delay * config.factor ** (attempt - 1));
  if (config.jitter === 0) return base;
  const r = random();
  if (!(typeof r === 'number' && r >= 0 && r < 1)) throw new InvalidOptionError('Warmup', 'random', 'must return a number in [0, 1)', r);
  const spread = base * config.jitter * (2 * r - 1);
  return Math.max(0, Math.min(config.maxDelay, base + spread));
}
