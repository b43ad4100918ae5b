import type { Container } from 'inversify';
import type { SnapshotCache } from '../adaptive/SnapshotCache.js';
import { restoreDefinition, restoreInstance } from '../adaptive/snapshotHooks.js';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { describeError } from '../errors/describeError.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';
import type { AttemptHandle } from '../run/AttemptHandle.js';
import { callSafely } from '../run/callSafely.js';
import type { Clock } from '../run/Clock.js';
import type { InstanceFactory } from '../run/ComponentRunner.js';
import { disposeDiscarded } from '../run/dispose.js';
import { healthHookOf, warmupHookOf } from '../run/instanceHooks.js';
import { AttemptContext } from './AttemptContext.js';
import { AttemptScope } from '../run/AttemptScope.js';
import { buildWithInversify } from './buildWithInversify.js';
import { ClassConstruction } from './ClassConstruction.js';
import type { ComponentLookup } from './ComponentLookup.js';

/** Who builds class components: preheat itself (default), or inversify for every class. */
export type ConstructionStrategy = 'preheat' | 'inversify';

/**
 * Creates one attempt's instance for the attempt loop. A loader is called with `{ signal, attempt,
 * get, step, extendTimeout }`. A class is built (by {@link ClassConstruction}, or by inversify in a
 * child container), then its `onWarmup(signal, ctx)` runs; an instance whose warm-up fails, or that was finished after its
 * attempt was abandoned, is disposed, and a hook that fails meanwhile becomes a warning event.
 */
export class ComponentFactory implements InstanceFactory {
  readonly #classes: ClassConstruction | undefined;

  constructor(
    private readonly container: Container,
    private readonly lookup: ComponentLookup,
    private readonly states: ComponentStates,
    private readonly clock: Clock,
    registry: ComponentRegistry,
    construction: ConstructionStrategy,
    /** Persisted warm state: a first attempt restores from a fresh snapshot when there is one. */
    private readonly snapshots?: SnapshotCache,
  ) {
    this.#classes = construction === 'preheat' ? new ClassConstruction(container, registry, states) : undefined;
  }

  create(spec: ComponentSpec, abort: AttemptHandle, attempt: number): Promise<unknown> {
    const saved = attempt === 1 && this.snapshots?.enabled === true ? this.snapshots.take(spec.index) : undefined;
    if (saved !== undefined) return this.#restore(spec, abort, attempt, saved.state);
    return this.#create(spec, abort, attempt);
  }

  /**
   * Restores an instance from its snapshot instead of the full warm-up, then checks its health;
   * if the restore throws or the check fails, the same attempt falls back to the full warm-up.
   */
  async #restore(spec: ComponentSpec, abort: AttemptHandle, attempt: number, state: unknown): Promise<unknown> {
    const snapshots = this.snapshots!;
    let instance: unknown;
    try {
      if (spec.definition !== undefined) instance = await restoreDefinition(spec, state, new AttemptContext(abort, attempt, (id) => this.lookup.lookup(spec, id) as never));
      else {
        instance = await (this.#classes?.supports(spec) === true ? this.#classes.build(spec) : buildWithInversify(this.container, spec, this.lookup.unusableOptional(spec)));
        await restoreInstance(instance, state, abort.signal);
      }
      if (abort.aborted) throw abort.reason;
      const health = healthHookOf(spec, instance);
      if (health !== undefined && (await health(instance, abort.signal)) !== true) throw new Error('its health check failed after the restore');
    } catch (error) {
      if (instance !== undefined) this.#discard(spec, instance);
      if (abort.aborted) throw abort.reason;
      snapshots.fellBack(spec.index, describeError(error));
      return this.#create(spec, abort, attempt);
    }
    snapshots.restored(spec.index);
    return instance;
  }

  #create(spec: ComponentSpec, abort: AttemptHandle, attempt: number): Promise<unknown> {
    const { definition } = spec;
    // callSafely, inlined: this runs once per component.
    try {
      if (definition !== undefined) return Promise.resolve(definition.load(new AttemptContext(abort, attempt, (id) => this.lookup.lookup(spec, id) as never)));
      const built = this.#classes?.supports(spec) === true ? this.#classes.build(spec) : buildWithInversify(this.container, spec, this.lookup.unusableOptional(spec));
      return this.#warm(spec, abort, built, attempt);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs `onWarmup(signal, ctx)` on a freshly built class instance (once it is built). */
  #warm(spec: ComponentSpec, abort: AttemptHandle, built: unknown, attempt: number): Promise<unknown> {
    // A class built synchronously without onWarmup (the usual one) needs no await at all.
    if (!(built instanceof Promise) && warmupHookOf(built) === undefined) return Promise.resolve(built);
    return this.#warmAsync(spec, abort, built, attempt);
  }

  async #warmAsync(spec: ComponentSpec, abort: AttemptHandle, built: unknown, attempt: number): Promise<unknown> {
    const instance = await built;
    if (abort.aborted) {
      // Timed out or cancelled while it was being built: nobody will use it.
      this.#discard(spec, instance);
      throw abort.reason;
    }
    const onWarmup = warmupHookOf(instance);
    if (onWarmup === undefined) return instance;
    try {
      await callSafely(() => onWarmup(abort.signal, new AttemptScope(abort, attempt)));
    } catch (error) {
      this.#discard(spec, instance);
      throw error;
    }
    return instance;
  }

  #discard(spec: ComponentSpec, instance: unknown): void {
    disposeDiscarded(spec, instance, this.states, this.clock);
  }
}

