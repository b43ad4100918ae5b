import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * `reflect-metadata` was not loaded before a decorator ran.
 *
 * @example
 * ```ts
 * import 'reflect-metadata'; // first line of your entry point
 * ```
 */
export class MissingReflectMetadataError extends PreheatError {
  readonly code = ErrorCode.MissingReflectMetadata;

  constructor() {
    super('Reflect.getMetadata is not available', {
      hint: "add `import 'reflect-metadata';` as the first import of your program (preheat imports it too, so check for a duplicate copy).",
    });
  }
}
