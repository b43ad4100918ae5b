import { ComponentLoadError } from './ComponentLoadError.js';
import { describeError } from './describeError.js';

/** The one-line message the report keeps: the user's own message for load errors, ours otherwise. */
export function messageOf(error: Error): string {
  return error instanceof ComponentLoadError ? describeError(error.cause) : describeError(error);
}
