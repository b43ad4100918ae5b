import { backoffWindow, resolve } from './documented.js';
import type { Scenario } from './Scenario.js';

/**
 * Virtual time by which `boot()` must have settled, however the loads are scheduled: the last action,
 * plus every component's attempts, health checks and backoffs run one after another. `late` adds
 * the longest loader, so values that arrive after their timeout have arrived (and been disposed).
 */
export function timeBound(scenario: Scenario): { boot: number; late: number } {
  let total = 0;
  let longest = 0;
  for (const plan of scenario.components) {
    const r = resolve(plan, scenario);
    plan.attempts.forEach((b, i) => {
      const ms = 'ms' in b ? b.ms : b.kind === 'throw' ? 0 : r.timeout;
      longest = Math.max(longest, 'ms' in b ? b.ms : 0);
      total += Math.min(ms, r.timeout);
      const h = plan.health?.[i];
      if (h !== undefined) total += h.kind === 'hang' ? r.healthTimeout : Math.min(h.ms, r.healthTimeout);
      if (i < plan.attempts.length - 1) total += backoffWindow(r, i + 1)[1] + 1;
    });
  }
  const lastAction = Math.max(scenario.bootAt ?? 0, ...scenario.actions.map((a) => a.at));
  const boot = lastAction + total + 50;
  const drain = Math.max(0, ...scenario.actions.map((a) => (a.kind === 'shutdown' ? (a.drainMs ?? 0) : 0)));
  return { boot, late: boot + Math.max(longest, drain) + 10 };
}
