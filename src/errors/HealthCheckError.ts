import { describeError } from './describeError.js';
import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * A health check answered false or threw. After the last attempt the component is Degraded, not Failed.
 *
 * @example
 * ```ts
 * warmup.getStatus(Cache); // 'degraded' when checkHealth() kept answering false
 * ```
 */
export class HealthCheckError extends PreheatError {
  readonly code = ErrorCode.Unhealthy;

  constructor(component: string, attempt: number | undefined, cause?: unknown) {
    super(
      cause === undefined
        ? `Component '${component}' is unhealthy: its health check answered false`
        : `Component '${component}' is unhealthy: its health check threw: ${describeError(cause)}`,
      { component, attempt, cause, hint: 'the instance loaded but reports itself broken; check what checkHealth() tests.' },
    );
  }
}
