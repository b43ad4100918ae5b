import { Container, type ServiceIdentifier } from 'inversify';
import type { LoadContext } from '../component/ComponentDefinition.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import type { AttemptAbort } from '../run/AttemptAbort.js';
import { callSafely } from '../run/callSafely.js';
import { disposeDiscarded } from '../run/dispose.js';
import type { InstanceFactory } from '../run/ComponentRunner.js';
import { warmupHookOf } from '../run/instanceHooks.js';
import { unwrapLifecycleError } from '../component/inversifyInternals.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { Clock } from '../run/Clock.js';
import type { ComponentLookup } from './ComponentLookup.js';

/** What an instantiation may see of the other components; one per Warmup. */
export interface InstantiateHost {
  readonly container: Container;
  /** Loader `get`: a dependency's instance (undefined for a failed optional one), or any other binding. */
  lookup(spec: ComponentSpec, id: ServiceIdentifier): unknown;
  /** Tokens of this component's optional dependencies that are not usable: injected as `undefined`. */
  unusableOptional(spec: ComponentSpec): readonly ServiceIdentifier[];
  onBackgroundError(spec: ComponentSpec, error: unknown): void;
}

/**
 * Creates one attempt's instance for the attempt loop (see {@link instantiate}); disposal errors of
 * instances it throws away become warning events.
 */
export class ComponentFactory implements InstanceFactory, InstantiateHost {
  constructor(
    readonly container: Container,
    private readonly components: ComponentLookup,
    private readonly states: ComponentStates,
    private readonly clock: Clock,
  ) {}

  create(spec: ComponentSpec, abort: AttemptAbort, attempt: number): Promise<unknown> {
    return instantiate(spec, this, abort, attempt);
  }

  lookup(spec: ComponentSpec, id: ServiceIdentifier): unknown {
    return this.components.lookup(spec, id);
  }

  unusableOptional(spec: ComponentSpec): readonly ServiceIdentifier[] {
    return this.components.unusableOptional(spec);
  }

  onBackgroundError(spec: ComponentSpec, error: unknown): void {
    this.states.warn(spec.index, this.clock.now(), `a hook failed while discarding an instance: ${describeError(error)}`);
  }
}

/** The loader's context: `signal` is a getter, so a loader that never reads it costs no AbortController. */
class AttemptContext implements LoadContext {
  readonly #abort: AttemptAbort;

  constructor(
    spec: ComponentSpec,
    host: InstantiateHost,
    abort: AttemptAbort,
    readonly attempt: number,
  ) {
    this.#abort = abort;
    this.get = <U>(id: ServiceIdentifier<U>): U => host.lookup(spec, id) as U;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** An own property, not a method: loaders destructure it (`({ get }) => …`) and spread the context. */
  readonly get: <U>(id: ServiceIdentifier<U>) => U;
}

/**
 * One attempt's instance. A loader is called with `{ signal, attempt, get }`. A class is built by
 * inversify itself in a child container of yours, bound there only while it is built (so `@inject`, `@optional`, property injection and
 * async `@postConstruct` behave exactly as in inversify; dependencies come from the parent, where
 * they are already warm), then `onWarmup(signal)` runs. An instance whose warm-up fails is disposed.
 */
function instantiate(spec: ComponentSpec, host: InstantiateHost, abort: AttemptAbort, attempt: number): Promise<unknown> {
  const { definition } = spec;
  if (definition !== undefined) {
    // callSafely, inlined: this runs once per component.
    try {
      return Promise.resolve(definition.load(new AttemptContext(spec, host, abort, attempt)));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return instantiateClass(spec, host, abort);
}

async function instantiateClass(spec: ComponentSpec, host: InstantiateHost, abort: AttemptAbort): Promise<unknown> {
  const ctor = spec.ctor!;
  const unusable = host.unusableOptional(spec);
  // One child container per user container serves every class whose optional dependencies are all
  // usable: creating a Container per construction cost ~150 us. A class that needs `undefined`
  // injected for a failed optional dependency gets its own.
  const child = unusable.length === 0 ? sharedChildOf(host.container) : new Container({ parent: host.container });
  const shared = unusable.length === 0;
  // The class is bound under a token of this attempt only, never under its own token: a dependent
  // built in this child must resolve the class through the parent's component binding (the warm
  // singleton), even while an abandoned attempt of it is still being built here.
  const attemptToken = Symbol(spec.name);
  child.bind(attemptToken).to(ctor);
  for (const token of unusable) child.bind(token).toConstantValue(undefined);
  let instance: unknown;
  try {
    instance = await child.getAsync(attemptToken);
  } catch (error) {
    throw unwrapLifecycleError(error);
  } finally {
    if (shared) child.unbind(attemptToken);
  }
  if (abort.aborted) {
    // Timed out or cancelled while inversify built it: nobody will use it.
    disposeDiscarded(spec, instance, (e) => host.onBackgroundError(spec, e));
    throw abort.reason;
  }
  const onWarmup = warmupHookOf(instance);
  if (onWarmup !== undefined) {
    try {
      await callSafely(() => onWarmup(abort.signal));
    } catch (error) {
      disposeDiscarded(spec, instance, (e) => host.onBackgroundError(spec, e));
      throw error;
    }
  }
  return instance;
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
