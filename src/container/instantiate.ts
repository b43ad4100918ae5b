import { Container, type ServiceIdentifier } from 'inversify';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { callSafely } from '../run/callSafely.js';
import type { AttemptAbort } from '../run/AttemptAbort.js';
import { disposeDiscarded } from '../run/dispose.js';

interface MaybeWarmup {
  onWarmup?: (signal: AbortSignal) => void | Promise<void>;
}

/** What an instantiation may see of the other components. */
export interface InstantiateScope {
  readonly container: Container;
  /** Tokens of optional dependencies that are not usable: injected as `undefined`. */
  readonly unusableOptional: readonly ServiceIdentifier[];
  /** Loader `get`: a dependency's instance, or any other binding. */
  get<U>(id: ServiceIdentifier<U>): U;
  onBackgroundError(error: unknown): void;
}

/**
 * One attempt's instance. A loader is called with `{ signal, attempt, get }`. A class is built by
 * inversify itself in a throwaway child container (so `@inject`, `@optional`, property injection and
 * async `@postConstruct` behave exactly as in inversify; dependencies come from the parent, where
 * they are already warm), then `onWarmup(signal)` runs. An instance whose warm-up fails is disposed.
 */
export async function instantiate(spec: ComponentSpec, scope: InstantiateScope, abort: AttemptAbort, attempt: number): Promise<unknown> {
  const { definition, ctor } = spec;
  if (definition !== undefined) {
    // `signal` is a getter: a loader that never reads it costs no AbortController.
    const context = {
      get signal(): AbortSignal {
        return abort.signal;
      },
      attempt,
      get: <U>(id: ServiceIdentifier<U>): U => scope.get(id),
    };
    return callSafely(() => definition.load(context));
  }
  const child = new Container({ parent: scope.container });
  child.bind(ctor!).toSelf();
  for (const token of scope.unusableOptional) child.bind(token).toConstantValue(undefined);
  const instance = await child.getAsync(ctor!);
  const onWarmup = (instance as MaybeWarmup | null)?.onWarmup;
  if (typeof onWarmup === 'function') {
    try {
      await callSafely(() => onWarmup.call(instance, abort.signal));
    } catch (error) {
      disposeDiscarded(spec, instance, (e) => scope.onBackgroundError(e));
      throw error;
    }
  }
  return instance;
}
