import { ComponentStatus } from '../../index.js';
import type { Paint } from '../Terminal.js';

/** `ready` in green, `degraded` in yellow, `failed` in red; the others (`skipped` too) grey. */
export function paintStatus(status: ComponentStatus, paint: Paint): string {
  switch (status) {
    case ComponentStatus.Ready:
      return paint.green(status);
    case ComponentStatus.Degraded:
      return paint.yellow(status);
    case ComponentStatus.Failed:
      return paint.red(status);
    case ComponentStatus.Pending:
    case ComponentStatus.Loading:
    case ComponentStatus.Stopped:
    case ComponentStatus.Skipped:
      return paint.grey(status);
  }
}
