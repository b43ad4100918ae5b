import { Container, type ServiceIdentifier } from 'inversify';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { unwrapLifecycleError } from '../component/inversifyInternals.js';

/**
 * A class built by inversify itself, in a child container of yours (`construction: 'inversify'`,
 * or a class using what preheat's own construction does not mirror): `@inject`, `@optional`,
 * property injection and async `@postConstruct` behave exactly as inversify's; dependencies come
 * from the parent, where they are already warm. `unusable` are optional dependencies to inject as
 * `undefined` (they failed).
 */
export async function buildWithInversify(container: Container, spec: ComponentSpec, unusable: readonly ServiceIdentifier[]): Promise<unknown> {
  // One child container per user container serves every class whose optional dependencies are all
  // usable: creating a Container per construction cost ~150 µs. A class that needs `undefined`
  // injected for a failed optional dependency gets its own.
  const shared = unusable.length === 0;
  const child = shared ? sharedChildOf(container) : new Container({ parent: container });
  // Bound under a token of this attempt only, never under its own token: a dependent built in this
  // child must resolve the class through the parent's component binding (the warm singleton), even
  // while an abandoned attempt of it is still being built here.
  const attemptToken = Symbol(spec.name);
  child.bind(attemptToken).to(spec.ctor!);
  for (const token of unusable) child.bind(token).toConstantValue(undefined);
  try {
    return await child.getAsync(attemptToken);
  } catch (error) {
    throw unwrapLifecycleError(error);
  } finally {
    if (shared) child.unbind(attemptToken);
  }
}

const sharedChildren = new WeakMap<Container, Container>();

function sharedChildOf(container: Container): Container {
  let child = sharedChildren.get(container);
  if (child === undefined) {
    child = new Container({ parent: container });
    sharedChildren.set(container, child);
  }
  return child;
}
