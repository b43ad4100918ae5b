import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { assertReflectMetadata } from '../../../src/component/assertReflectMetadata.js';
import { ErrorCode } from '../../../src/errors/ErrorCode.js';
import { MissingReflectMetadataError } from '../../../src/errors/MissingReflectMetadataError.js';

/** What `assertReflectMetadata()` threw, or undefined. */
function thrown(): unknown {
  try {
    assertReflectMetadata();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** What `assertReflectMetadata()` throws with `Reflect` changed by `change`, put back as it was after. */
function thrownWith(change: () => void): unknown {
  const reflect = Reflect;
  const getOwnMetadata = Reflect.getOwnMetadata;
  try {
    change();
    return thrown();
  } finally {
    globalThis.Reflect = reflect;
    Reflect.getOwnMetadata = getOwnMetadata;
  }
}

const hint = "add `import 'reflect-metadata';` as the first import of your program (preheat imports it too, so check for a duplicate copy).";

/** The fields of a MissingReflectMetadataError the tests compare. */
function described(error: unknown): Record<string, unknown> {
  expect(error).toBeInstanceOf(MissingReflectMetadataError);
  const e = error as MissingReflectMetadataError;
  return { code: e.code, component: e.component, hint: e.hint, message: e.message };
}

describe('assertReflectMetadata', () => {
  it('should pass when reflect-metadata is loaded', () => {
    expect(thrown()).toBeUndefined();
  });

  it('should throw MissingReflectMetadataError, with the fix, when Reflect has no getOwnMetadata', () => {
    const error = thrownWith(() => {
      delete (Reflect as { getOwnMetadata?: unknown }).getOwnMetadata;
    });
    expect(described(error)).toEqual({ code: ErrorCode.MissingReflectMetadata, component: undefined, hint, message: `Reflect.getMetadata is not available\n  hint: ${hint}` });
  });

  it('should throw MissingReflectMetadataError when getOwnMetadata is no function', () => {
    const error = thrownWith(() => {
      (Reflect as { getOwnMetadata?: unknown }).getOwnMetadata = {};
    });
    expect(described(error)).toEqual({ code: ErrorCode.MissingReflectMetadata, component: undefined, hint, message: `Reflect.getMetadata is not available\n  hint: ${hint}` });
  });

  it('should throw MissingReflectMetadataError, not a TypeError, when there is no Reflect at all', () => {
    const error = thrownWith(() => {
      (globalThis as { Reflect?: unknown }).Reflect = undefined;
    });
    expect(described(error)).toEqual({ code: ErrorCode.MissingReflectMetadata, component: undefined, hint, message: `Reflect.getMetadata is not available\n  hint: ${hint}` });
  });
});
