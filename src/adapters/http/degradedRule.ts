import { InvalidOptionError, type BootReport, type ComponentId, type Warmup } from '../../index.js';
import type { DegradedPolicy } from './ProbeOptions.js';

/**
 * Throws InvalidOptionError unless `policy` is a {@link DegradedPolicy}: TypeScript checks it for
 * TypeScript callers, this is for the others (a typo like `'notready'` must not mean `'ready'`).
 */
export function checkDegradedPolicy(where: string, policy: unknown): asserts policy is DegradedPolicy {
  if (policy === 'ready' || policy === 'not-ready' || Array.isArray(policy)) return;
  throw new InvalidOptionError(where, 'degraded', "must be 'ready', 'not-ready' or a list of components (tokens or names)", policy);
}

/**
 * For one request: whether the component of this name, when Degraded, is not ready. A listed id is
 * first looked up in the Warmup, so a typo throws UnknownComponentError instead of matching nothing;
 * then it is matched by name, which is all the report knows.
 *
 * @example
 * ```ts
 * const blocks = degradedRule(warmup, report, ['db']);
 * blocks('db'); // true
 * ```
 */
export function degradedRule(warmup: Warmup, report: BootReport, policy: DegradedPolicy): (name: string) => boolean {
  if (policy === 'ready') return never;
  if (policy === 'not-ready') return always;
  const names = new Set<string>();
  for (const id of policy) {
    warmup.getStatus(id); // UnknownComponentError when nothing is registered under it
    const name = defaultNameOf(id);
    if (report.components[name] === undefined) {
      throw new InvalidOptionError(
        'probeWarmup',
        'degraded',
        'must list components by the name they are registered under',
        id,
        `the component of ${JSON.stringify(name)} has a name of its own: list that name (GET /readyz?verbose shows every name).`,
      );
    }
    names.add(name);
  }
  return (name) => names.has(name);
}

/** The name a component registered under `id` gets when it is given none: preheat's own rule. */
function defaultNameOf(id: ComponentId): string {
  if (typeof id === 'function') return id.name;
  if (typeof id === 'symbol') return id.description ?? id.toString();
  return String(id);
}

function never(): boolean {
  return false;
}

function always(): boolean {
  return true;
}
