import { ComponentStatus } from '../component/ComponentStatus.js';
import { bootReportFormatVersion, type BootReport } from './BootReport.js';

const statuses = new Set<unknown>(Object.values(ComponentStatus));
const outcomes = new Set<unknown>(['ready', 'unhealthy', 'failed', 'timeout', 'cancelled']);

/**
 * True when `value` (typically `JSON.parse` of a saved report) has the shape of a {@link BootReport}
 * that the analysis functions can read, in the `formatVersion` this preheat writes.
 * {@link bootReportProblem} says what is wrong when it is not.
 *
 * @example
 * ```ts
 * const parsed: unknown = JSON.parse(await readFile('boot-report.json', 'utf8'));
 * if (isBootReport(parsed)) console.log(criticalChain(parsed));
 * ```
 */
export function isBootReport(value: unknown): value is BootReport {
  return bootReportProblem(value) === undefined;
}

/**
 * The first thing that keeps `value` from being a {@link BootReport}, as a short phrase naming the
 * field (`components.db.attemptHistory[0].startedAt is not a number`), or undefined when it is one.
 * O(components + attempts + edges).
 *
 * @example
 * ```ts
 * const problem = bootReportProblem(parsed);
 * if (problem !== undefined) throw new Error(`not a boot report: ${problem}`);
 * ```
 */
export function bootReportProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'it is not a JSON object';
  // A report of another format may differ in any field: say that rather than name one of them.
  if (value.formatVersion !== undefined && value.formatVersion !== bootReportFormatVersion) return formatVersionProblem(value);
  for (const key of ['total', 'readyCount', 'degradedCount', 'failedCount'] as const) {
    if (!isNumber(value[key])) return `${key} is not a number`;
  }
  for (const key of ['totalLoadTimeMs', 'startedAt', 'finishedAt'] as const) {
    const problem = timeProblem(key, value[key]);
    if (problem !== undefined) return problem;
  }
  if (value.schedule !== 'waves' && value.schedule !== 'eager') return "schedule is not 'waves' or 'eager'";
  for (const key of ['readyComponents', 'degradedComponents', 'failedComponents'] as const) {
    if (!isStringArray(value[key])) return `${key} is not a list of names`;
  }
  const { components } = value;
  if (!isRecord(components)) return 'components is not an object';
  for (const name of Object.keys(components)) {
    const problem = componentProblem(name, components[name], components);
    if (problem !== undefined) return `components.${name}${problem}`;
  }
  // Checked last: a JSON object that is no report at all is better told by its first missing field.
  return formatVersionProblem(value);
}

/**
 * What {@link bootReportProblem} says about `value.formatVersion`, or undefined when this preheat
 * reads it; the CLI uses it to tell a report of another version from something else.
 *
 * @example
 * ```ts
 * formatVersionProblem({ formatVersion: 2 }); // 'formatVersion is 2; this preheat reads 1'
 * ```
 */
export function formatVersionProblem(value: Readonly<Record<string, unknown>>): string | undefined {
  const version = value.formatVersion;
  if (version === bootReportFormatVersion) return undefined;
  if (version === undefined) return `formatVersion is missing (a report from an older preheat); this preheat reads ${bootReportFormatVersion}`;
  return `formatVersion is ${shown(version)}; this preheat reads ${bootReportFormatVersion}`;
}

function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 20));
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function componentProblem(key: string, c: unknown, all: Record<string, unknown>): string | undefined {
  if (!isRecord(c)) return ' is not an object';
  if (typeof c.name !== 'string') return '.name is not a string';
  // The analysis looks components up by key (dependencies) and by name (rows, chain links).
  if (c.name !== key) return `.name is '${c.name}', not its key`;
  if (!statuses.has(c.status)) return `.status is not one of ${[...statuses].join(', ')}`;
  for (const key of ['priority', 'effectivePriority', 'wave', 'attempts'] as const) {
    if (!isNumber(c[key])) return `.${key} is not a number`;
  }
  if (typeof c.required !== 'boolean') return '.required is not a boolean';
  for (const key of ['startedAt', 'finishedAt', 'loadTimeMs'] as const) {
    const problem = c[key] === undefined ? undefined : timeProblem(`.${key}`, c[key]);
    if (problem !== undefined) return problem;
  }
  for (const key of ['dependsOn', 'optionalDependsOn'] as const) {
    const names = c[key];
    if (!isStringArray(names)) return `.${key} is not a list of names`;
    for (const dep of names) if (!Object.hasOwn(all, dep)) return `.${key} names '${dep}', which is not in the report`;
  }
  const history = c.attemptHistory;
  if (!Array.isArray(history)) return '.attemptHistory is not a list';
  for (let k = 0; k < history.length; k++) {
    const attempt: unknown = history[k];
    if (!isRecord(attempt)) return `.attemptHistory[${k}] is not an object`;
    if (!isNumber(attempt.attempt)) return `.attemptHistory[${k}].attempt is not a number`;
    for (const key of ['startedAt', 'finishedAt'] as const) {
      const problem = timeProblem(`.attemptHistory[${k}].${key}`, attempt[key]);
      if (problem !== undefined) return problem;
    }
    if (!outcomes.has(attempt.outcome)) return `.attemptHistory[${k}].outcome is not one of ${[...outcomes].join(', ')}`;
    const detail = detailProblem(attempt);
    if (detail !== undefined) return `.attemptHistory[${k}]${detail}`;
  }
  return undefined;
}

/** What is wrong with an attempt's `steps` and `extensions` (both optional), or undefined. */
function detailProblem(attempt: Record<string, unknown>): string | undefined {
  const { steps, extensions } = attempt;
  if (steps !== undefined) {
    if (!Array.isArray(steps)) return '.steps is not a list';
    for (let k = 0; k < steps.length; k++) {
      const step: unknown = steps[k];
      if (!isRecord(step)) return `.steps[${k}] is not an object`;
      if (typeof step.name !== 'string') return `.steps[${k}].name is not a string`;
      for (const key of ['startedAt', 'finishedAt'] as const) {
        const problem = timeProblem(`.steps[${k}].${key}`, step[key]);
        if (problem !== undefined) return problem;
      }
      // A parent starts before its children, so it comes earlier in the list: no cycle is possible.
      if (step.parent !== undefined && !(Number.isInteger(step.parent) && (step.parent as number) >= 0 && (step.parent as number) < k)) {
        return `.steps[${k}].parent is not the index of an earlier step`;
      }
      if (step.tags !== undefined && !isRecord(step.tags)) return `.steps[${k}].tags is not an object`;
    }
  }
  if (extensions !== undefined) {
    if (!Array.isArray(extensions)) return '.extensions is not a list';
    for (let k = 0; k < extensions.length; k++) {
      const extension: unknown = extensions[k];
      if (!isRecord(extension)) return `.extensions[${k}] is not an object`;
      for (const key of ['at', 'deadline'] as const) {
        const problem = timeProblem(`.extensions[${k}].${key}`, extension[key]);
        if (problem !== undefined) return problem;
      }
    }
  }
  return undefined;
}

/**
 * The range of a JS Date, ms either side of the epoch. A time beyond it cannot be shown as a date,
 * and a duration beyond it is no boot. A time before the one it follows is allowed: the default
 * clock is Date.now, which can step back.
 */
const maxTime = 8.64e15;

function timeProblem(key: string, value: unknown): string | undefined {
  if (!isNumber(value)) return `${key} is not a number`;
  if (Math.abs(value) > maxTime) return `${key} is ${value}, beyond ±8.64e15 ms (the range of a Date)`;
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
