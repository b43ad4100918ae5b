import { ComponentStatus } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { Priority } from '../component/Priority.js';
import { ComponentSkippedError } from '../errors/ComponentSkippedError.js';
import { ComponentNotReadyError } from '../readiness/ComponentNotReadyError.js';

/**
 * The error `container.get` / `getAsync` raise for a component that is not usable, with a hint fit
 * for its status; a Skipped one will never be, so it gets its own error (with `skipReason`); a
 * released one (idle tiers) says so and names `getAsync`.
 */
export function notReadyError(spec: ComponentSpec, status: ComponentStatus, cause: unknown, skipReason?: string, released = false): ComponentNotReadyError | ComponentSkippedError {
  if (status === ComponentStatus.Skipped) return new ComponentSkippedError(spec.name, skipReason ?? 'it is disabled');
  if (released && status === ComponentStatus.Pending) {
    return new ComponentNotReadyError(spec.name, status, `it was released for idleness (idle.after ${spec.idle?.after} ms): await warmup.getAsync('${spec.name}') warms it again.`, cause);
  }
  return new ComponentNotReadyError(spec.name, status, hintFor(spec, status), cause);
}

function hintFor(spec: ComponentSpec, status: ComponentStatus): string {
  switch (status) {
    case ComponentStatus.Pending:
      return spec.priority === Priority.DEFERRED
        ? `it is DEFERRED and loads on demand: await warmup.getAsync('${spec.name}') first.`
        : `await warmup.boot() (or warmup.whenReady('${spec.name}')) before container.get.`;
    case ComponentStatus.Loading:
      return `it is still loading: await warmup.whenReady('${spec.name}') first.`;
    case ComponentStatus.Failed:
      return 'it failed to load; see the cause and the boot report.';
    case ComponentStatus.Stopped:
      return 'the container has shut down.';
    case ComponentStatus.Skipped:
      return 'it is disabled by its enabled option.';
    case ComponentStatus.Ready:
    case ComponentStatus.Degraded:
      return '';
  }
}
