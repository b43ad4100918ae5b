import type { ComponentStatus } from '../component/ComponentStatus.js';
import { Priority } from '../component/Priority.js';
import { UnknownComponentError } from '../errors/UnknownComponentError.js';
import type { BootReport, ComponentReport } from './BootReport.js';

/**
 * How a link held up the link before it in the chain.
 *
 * @example
 * ```ts
 * criticalChain(report).filter((link) => link.via === 'wave'); // the links that ended a wave
 * ```
 */
export type CriticalChainVia = 'target' | 'dependency' | 'wave';

/**
 * One component on a {@link criticalChain}. Times are ms after the boot started.
 *
 * @example
 * ```ts
 * const [last] = criticalChain(report);
 * console.log(`${last.name} @${last.settledAtMs}ms +${last.durationMs}ms`);
 * ```
 */
export interface CriticalChainLink {
  readonly name: string;
  readonly status: ComponentStatus;
  readonly wave: number;
  /** When it started loading; equals `settledAtMs` when it never ran (a dependency failed). */
  readonly startedAtMs: number;
  /** When it became ready, degraded or failed: systemd-analyze's "@". */
  readonly settledAtMs: number;
  /** How long it took, retries included: systemd-analyze's "+". */
  readonly durationMs: number;
  /**
   * `'target'` for the first link; `'dependency'` when the link before it depends on it;
   * `'wave'` when the link before it waited for its wave to start and this was the last
   * component of the earlier waves to settle.
   */
  readonly via: CriticalChainVia;
  /** Other components that settled at the very same moment and held things up just as much (at most 20). */
  readonly tiedWith: readonly string[];
}

const maxTies = 20;

interface Candidate {
  readonly component: ComponentReport;
  readonly via: CriticalChainVia;
}

/**
 * The chain of components that decided when the boot (or `component`) finished, like
 * `systemd-analyze critical-chain`: the target first, then what it waited for, back to a
 * component that could start at once. From each link it follows the predecessor that settled
 * last before the link started: a dependency, or (in `'waves'` scheduling) the last component of
 * the earlier waves. On a tie it prefers a dependency, then the longer load; the others are listed
 * in `tiedWith`. Failed components take part like any other. Iterative: a 100,000-link chain is fine.
 *
 * Returns `[]` when the target never settled (a DEFERRED component that was not loaded).
 * Throws UnknownComponentError when `component` is not in the report.
 *
 * @example
 * ```ts
 * for (const link of criticalChain(report)) console.log(link.name, link.settledAtMs, link.durationMs);
 * criticalChain(report, 'api'); // why api was not ready sooner
 * ```
 */
export function criticalChain(report: BootReport, component?: string): CriticalChainLink[] {
  // One pass over the components: enumerating a 100,000-key object is the costly part.
  const all = Object.values(report.components);
  const first = component === undefined ? lastToSettle(report, all) : { component: lookup(report, component), ties: [] };
  if (first === undefined || first.component.finishedAt === undefined) return [];
  const gates = report.schedule === 'waves' ? waveGates(all) : [];
  const chain: CriticalChainLink[] = [toLink(report, first.component, 'target', first.ties)];
  const seen = new Set<string>([first.component.name]);
  for (let current = first.component; ; ) {
    const next = predecessor(report, current, gates);
    if (next === undefined || seen.has(next.winner.component.name)) return chain; // seen: a corrupt report with a cycle
    const { winner, ties } = next;
    seen.add(winner.component.name);
    chain.push(toLink(report, winner.component, winner.via, ties));
    current = winner.component;
  }
}

/** The boot's last component to settle (DEFERRED on-demand loads do not count). */
function lastToSettle(report: BootReport, all: readonly ComponentReport[]): { component: ComponentReport; ties: string[] } | undefined {
  let best: Candidate | undefined;
  const ties: ComponentReport[] = [];
  for (const component of all) {
    const { finishedAt } = component;
    if (finishedAt === undefined || finishedAt > report.finishedAt || component.wave >= Priority.DEFERRED) continue;
    const candidate: Candidate = { component, via: 'target' };
    if (best === undefined || finishedAt > best.component.finishedAt!) ties.length = 0;
    else if (finishedAt < best.component.finishedAt!) continue;
    ties.push(component);
    if (best === undefined || isBetter(candidate, best)) best = candidate;
  }
  if (best === undefined) return undefined;
  return { component: best.component, ties: namesExcept(ties, best.component) };
}

function lookup(report: BootReport, name: string): ComponentReport {
  const found = Object.hasOwn(report.components, name) ? report.components[name] : undefined;
  if (found === undefined) throw new UnknownComponentError(name);
  return found;
}

/** What `current` waited for: the candidate that settled last, no later than `current` started. */
function predecessor(
  report: BootReport,
  current: ComponentReport,
  gates: readonly (readonly ComponentReport[] | undefined)[],
): { winner: Candidate; ties: string[] } | undefined {
  const start = current.startedAt ?? current.finishedAt!;
  let winner: Candidate | undefined;
  let tied: ComponentReport[] | undefined; // allocated only on a tie: the usual step allocates little
  const consider = (component: ComponentReport, via: CriticalChainVia): void => {
    const at = component.finishedAt;
    if (at === undefined || at > start) return;
    if (winner === undefined || at > winner.component.finishedAt!) {
      winner = { component, via };
      tied = undefined;
    } else if (at === winner.component.finishedAt) {
      (tied ??= [winner.component]).push(component);
      if (isBetter({ component, via }, winner)) winner = { component, via };
    }
  };
  for (const name of current.dependsOn) {
    const dep = Object.hasOwn(report.components, name) ? report.components[name] : undefined;
    if (dep !== undefined) consider(dep, 'dependency');
  }
  const gate = current.wave > Priority.CRITICAL && current.wave < Priority.DEFERRED ? gates[current.wave] : undefined;
  if (gate !== undefined) for (const component of gate) consider(component, 'wave');
  if (winner === undefined) return undefined;
  return { winner, ties: tied === undefined ? [] : namesExcept(tied, winner.component) };
}

/** Later settle first; on a tie a dependency before a wave, then the longer load. */
function isBetter(a: Candidate, b: Candidate): boolean {
  const at = a.component.finishedAt!;
  const bt = b.component.finishedAt!;
  if (at !== bt) return at > bt;
  if (a.via !== b.via) return a.via === 'dependency';
  return durationOf(a.component) > durationOf(b.component);
}

/** For each wave, the components of the earlier waves that settled last (ties kept, at most 21). */
function waveGates(all: readonly ComponentReport[]): (ComponentReport[] | undefined)[] {
  const latest: (ComponentReport[] | undefined)[] = [];
  for (const component of all) {
    const { finishedAt, wave } = component;
    if (finishedAt === undefined || !(wave >= Priority.CRITICAL && wave < Priority.DEFERRED)) continue;
    const group = latest[wave];
    if (group === undefined || finishedAt > group[0]!.finishedAt!) latest[wave] = [component];
    else if (finishedAt === group[0]!.finishedAt && group.length <= maxTies) group.push(component);
  }
  const gates: (ComponentReport[] | undefined)[] = [];
  let gate: ComponentReport[] | undefined;
  for (let wave = Priority.CRITICAL; wave < Priority.DEFERRED; wave++) {
    gates[wave] = gate;
    const group = latest[wave];
    if (group === undefined) continue;
    if (gate === undefined || group[0]!.finishedAt! > gate[0]!.finishedAt!) gate = group;
    else if (group[0]!.finishedAt === gate[0]!.finishedAt) gate = [...gate, ...group].slice(0, maxTies + 1);
  }
  return gates;
}

function toLink(report: BootReport, component: ComponentReport, via: CriticalChainVia, tiedWith: string[]): CriticalChainLink {
  const settled = component.finishedAt!;
  const started = component.startedAt ?? settled;
  return {
    name: component.name,
    status: component.status,
    wave: component.wave,
    startedAtMs: started - report.startedAt,
    settledAtMs: settled - report.startedAt,
    durationMs: durationOf(component),
    via,
    tiedWith,
  };
}

function durationOf(component: ComponentReport): number {
  const { startedAt, finishedAt } = component;
  return component.loadTimeMs ?? (startedAt !== undefined && finishedAt !== undefined ? finishedAt - startedAt : 0);
}

function namesExcept(components: readonly ComponentReport[], winner: ComponentReport): string[] {
  const names = new Set<string>();
  for (const c of components) if (c !== winner && names.size < maxTies) names.add(c.name);
  return [...names];
}
