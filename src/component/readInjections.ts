import { LazyServiceIdentifier, type Newable, type ServiceIdentifier } from 'inversify';

/** One injected dependency of a class: constructor argument or property. */
export interface Injection {
  readonly id: ServiceIdentifier;
  readonly optional: boolean;
}

// inversify 8 stores what @injectable/@inject/@optional computed under this key. It is not a public
// export of the `inversify` package, so this file is the one place that knows it; a unit test pins
// the shape so an inversify upgrade that changes it fails loudly.
const classMetadataKey = '@inversifyjs/core/classMetadataReflectKey';
const unmanagedKind = 2;

interface ElementMetadata {
  readonly kind: number;
  readonly optional?: boolean;
  readonly value?: ServiceIdentifier | LazyServiceIdentifier;
}
interface ClassMetadataShape {
  readonly constructorArguments: readonly (ElementMetadata | undefined)[];
  readonly properties: ReadonlyMap<string | symbol, ElementMetadata>;
}

/**
 * The dependencies a class declares through constructor parameters (`design:paramtypes` and
 * `@inject`) and property injection, as inversify itself would resolve them.
 */
export function readInjections(target: Newable): Injection[] {
  const metadata = Reflect.getOwnMetadata(classMetadataKey, target) as ClassMetadataShape | undefined;
  if (metadata === undefined) return fromParamTypes(target);
  const result: Injection[] = [];
  const add = (element: ElementMetadata | undefined): void => {
    if (element === undefined || element.kind === unmanagedKind || element.value === undefined) return;
    const id = element.value instanceof LazyServiceIdentifier ? element.value.unwrap() : element.value;
    result.push({ id, optional: element.optional === true });
  };
  metadata.constructorArguments.forEach(add);
  metadata.properties.forEach(add);
  return result;
}

function fromParamTypes(target: Newable): Injection[] {
  const types = (Reflect.getOwnMetadata('design:paramtypes', target) as ServiceIdentifier[] | undefined) ?? [];
  return types.filter((t) => t !== undefined).map((id) => ({ id, optional: false }));
}

/** Names of the methods inversify's `@preDestroy` marked on the class. */
export function readPreDestroyMethods(target: Newable): (string | symbol)[] {
  const metadata = Reflect.getOwnMetadata(classMetadataKey, target) as
    | { readonly lifecycle?: { readonly preDestroyMethodNames?: ReadonlySet<string | symbol> } }
    | undefined;
  return [...(metadata?.lifecycle?.preDestroyMethodNames ?? [])];
}
