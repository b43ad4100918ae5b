import { MissingReflectMetadataError } from '../errors/MissingReflectMetadataError.js';

/** Fails fast, with the fix, when `reflect-metadata` is not loaded. */
export function assertReflectMetadata(): void {
  if (typeof Reflect !== 'object' || typeof (Reflect as { getOwnMetadata?: unknown }).getOwnMetadata !== 'function') {
    throw new MissingReflectMetadataError();
  }
}
