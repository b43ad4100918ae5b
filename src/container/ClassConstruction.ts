import { LazyServiceIdentifier, type Container, type GetOptions, type ServiceIdentifier } from 'inversify';
import type { ComponentRegistry } from '../component/ComponentRegistry.js';
import { isUsable } from '../component/ComponentStatus.js';
import type { ComponentSpec } from '../component/ComponentSpec.js';
import { isPromiseLike, readClassMetadata, unmanagedKind, type ElementMetadata } from '../component/inversifyInternals.js';
import type { ComponentStates } from '../readiness/ComponentStates.js';

/** `kind` of a `@multiInject` element. */
const multipleKind = 0;

/** Where one constructor argument or property comes from. */
type Source =
  | { readonly from: 'nothing' }
  | { readonly from: 'component'; readonly index: number }
  | { readonly from: 'container'; readonly id: ServiceIdentifier; readonly all: boolean; readonly options: GetOptions & { chained?: boolean } };

/** How to build one class, read once from its inversify metadata. */
interface Recipe {
  readonly args: readonly Source[];
  readonly properties: readonly (readonly [string | symbol, Source])[];
  readonly postConstruct: readonly (string | symbol)[];
  /** Only components: the whole construction is synchronous. */
  readonly sync: boolean;
}

const nothing: Source = { from: 'nothing' };

/**
 * preheat's own construction of a class component: `new Class(...dependencies)`, then property
 * injection, then the `@postConstruct` methods in order, from the same inversify metadata inversify
 * reads (`@inject`, `@optional`, `@unmanaged`, `@multiInject`, `@named`, `@tagged`, property
 * injection). A component dependency is the very instance the container hands out (it settled
 * before this class started; a failed optional one is `undefined`); anything else comes from your
 * container as inversify would resolve it. It costs no child container, binding, plan or unbind per
 * class, which made a class component cost several times a loader definition.
 *
 * A class with an element it does not mirror (several tags on one element) is built by inversify
 * (`buildWithInversify`), as every class is with `construction: 'inversify'`.
 */
export class ClassConstruction {
  /** By component index: the recipe, or null for a class inversify must build. */
  readonly #recipes: (Recipe | null | undefined)[] = [];

  constructor(
    private readonly container: Container,
    private readonly registry: ComponentRegistry,
    private readonly states: ComponentStates,
  ) {}

  /** True when preheat can build this class itself. */
  supports(spec: ComponentSpec): boolean {
    return this.#recipe(spec) !== null;
  }

  /** The new instance (a promise when a dependency or a `@postConstruct` method is asynchronous). */
  build(spec: ComponentSpec): unknown {
    const recipe = this.#recipe(spec)!;
    if (recipe.sync) {
      const args = new Array<unknown>(recipe.args.length);
      for (let k = 0; k < args.length; k++) args[k] = this.#component(recipe.args[k]!);
      const instance = new spec.ctor!(...args);
      for (const [key, source] of recipe.properties) (instance as Record<string | symbol, unknown>)[key] = this.#component(source);
      return recipe.postConstruct.length === 0 ? instance : postConstruct(instance, recipe.postConstruct, 0);
    }
    return this.#buildAsync(spec, recipe);
  }

  async #buildAsync(spec: ComponentSpec, recipe: Recipe): Promise<unknown> {
    const args = await Promise.all(recipe.args.map((source) => this.#resolve(source)));
    const instance = new spec.ctor!(...args);
    for (const [key, source] of recipe.properties) (instance as Record<string | symbol, unknown>)[key] = await this.#resolve(source);
    return postConstruct(instance, recipe.postConstruct, 0);
  }

  #resolve(source: Source): unknown {
    if (source.from !== 'container') return this.#component(source);
    const { id, all, options } = source;
    return all ? this.container.getAllAsync(id, options) : this.container.getAsync(id, options);
  }

  /** A component dependency's instance: it settled before this class started; failed and optional: undefined. */
  #component(source: Source): unknown {
    if (source.from !== 'component') return undefined;
    const i = source.index;
    return isUsable(this.states.status[i]!) ? this.states.instance[i] : undefined;
  }

  #recipe(spec: ComponentSpec): Recipe | null {
    let recipe = this.#recipes[spec.index];
    if (recipe === undefined) this.#recipes[spec.index] = recipe = this.#read(spec);
    return recipe;
  }

  #read(spec: ComponentSpec): Recipe | null {
    const metadata = readClassMetadata(spec.ctor!);
    if (metadata === undefined) return { args: [], properties: [], postConstruct: [], sync: true };
    let sync = true;
    const sourceOf = (element: ElementMetadata | undefined): Source | null => {
      const source = this.#source(element);
      if (source !== null && source.from === 'container') sync = false;
      return source;
    };
    const args: Source[] = [];
    for (let k = 0; k < metadata.constructorArguments.length; k++) {
      const source = sourceOf(metadata.constructorArguments[k]);
      if (source === null) return null;
      args.push(source);
    }
    const properties: [string | symbol, Source][] = [];
    for (const [key, element] of metadata.properties) {
      const source = sourceOf(element);
      if (source === null) return null;
      properties.push([key, source]);
    }
    return { args, properties, postConstruct: [...(metadata.lifecycle?.postConstructMethodNames ?? [])], sync };
  }

  /** Where an element comes from, or null when only inversify can say. */
  #source(element: ElementMetadata | undefined): Source | null {
    if (element === undefined || element.kind === unmanagedKind) return nothing;
    const { tags, name, optional, chained } = element as ElementMetadata & { tags?: ReadonlyMap<unknown, unknown>; name?: unknown; chained?: boolean };
    const raw = element.value as ServiceIdentifier | LazyServiceIdentifier;
    const id = raw instanceof LazyServiceIdentifier ? raw.unwrap() : raw;
    const index = this.registry.indexOfToken(id);
    // A component token has one binding that satisfies any name or tag: its instance.
    if (index >= 0 && element.kind !== multipleKind) return { from: 'component', index };
    if (tags !== undefined && tags.size > 1) return null;
    const options: GetOptions & { chained?: boolean } = {};
    if (optional === true) options.optional = true;
    if (name !== undefined) options.name = name as NonNullable<GetOptions['name']>;
    if (tags !== undefined && tags.size === 1) {
      const [key, value] = [...tags][0]!;
      options.tag = { key: key as string, value };
    }
    if (chained === true) options.chained = true;
    return { from: 'container', id, all: element.kind === multipleKind, options };
  }
}

/** Calls the `@postConstruct` methods in order, each after the one before has settled. */
function postConstruct(instance: unknown, names: readonly (string | symbol)[], from: number): unknown {
  for (let k = from; k < names.length; k++) {
    const result: unknown = (instance as Record<string | symbol, () => unknown>)[names[k]!]!();
    if (isPromiseLike(result)) return Promise.resolve(result).then(() => postConstruct(instance, names, k + 1));
  }
  return instance;
}
