import { describeError } from './describeError.js';
import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * Why a health check was not a plain "answered false" or "threw": a combined score too low
 * (`{ score, below }`), or an answer that is no score (`{ answer, check }`).
 *
 * @example
 * ```ts
 * const problem: HealthProblem = { score: 0.1, below: 0.2 }; // "its health score 0.1 is below 'minimal' (0.2)"
 * ```
 */
export type HealthProblem = { readonly score: number; readonly below: number } | { readonly answer: unknown; readonly check: string };

/**
 * A health check answered false, threw, or scored below the `minimal` threshold (mode `'offline'`).
 * After the last attempt the component is Degraded, not Failed.
 *
 * @example
 * ```ts
 * warmup.getStatus(Cache); // 'degraded' when checkHealth() kept answering false
 * ```
 */
export class HealthCheckError extends PreheatError {
  readonly code = ErrorCode.Unhealthy;
  /** The combined score, when the failure is a score below `minimal`. */
  readonly score: number | undefined;

  constructor(component: string, attempt: number | undefined, cause?: unknown, problem?: HealthProblem) {
    super(messageOf(component, cause, problem), {
      component,
      attempt,
      cause,
      hint:
        problem !== undefined && 'answer' in problem
          ? 'a health check answers true/false, a number in [0, 1] or { score, detail }.'
          : problem !== undefined
            ? "the instance loaded but its checks score it 'offline'; see warmup.health() for each check's score, or lower health.modes.minimal."
            : 'the instance loaded but reports itself broken; check what checkHealth() tests.',
    });
    this.score = problem !== undefined && 'score' in problem ? problem.score : undefined;
  }
}

function messageOf(component: string, cause: unknown, problem: HealthProblem | undefined): string {
  const head = `Component '${component}' is unhealthy`;
  if (problem !== undefined && 'answer' in problem) {
    return `${head}: its health check '${problem.check}' answered ${describeAnswer(problem.answer)}, which is no score`;
  }
  if (problem !== undefined) {
    const because = cause === undefined ? '' : ` (${describeError(cause)})`;
    return `${head}: its health score ${round(problem.score)} is below 'minimal' (${problem.below})${because}`;
  }
  return cause === undefined ? `${head}: its health check answered false` : `${head}: its health check threw: ${describeError(cause)}`;
}

function describeAnswer(answer: unknown): string {
  if (typeof answer === 'number' || answer === undefined || answer === null) return String(answer);
  if (typeof answer === 'object') return 'an object without a numeric score';
  return typeof answer;
}

function round(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}
