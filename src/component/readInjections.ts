import { LazyServiceIdentifier, type Newable, type ServiceIdentifier } from 'inversify';
import { MissingInjectionMetadataError, type MissingInjectionReason } from '../errors/MissingInjectionMetadataError.js';
import { isInjectable, readClassMetadata, unmanagedKind, type ElementMetadata } from './inversifyInternals.js';

/** One injected dependency of a class: constructor argument or property. */
export interface Injection {
  readonly id: ServiceIdentifier;
  readonly optional: boolean;
  /** `@named` / `@tagged` constraints, as inversify's `isBound` takes them. */
  readonly constraints?: { readonly name?: string | number | symbol; readonly tag?: { readonly key: string | number | symbol; readonly value: unknown } };
}

/** Types TypeScript emits for a parameter it could not name (an interface, a union, `any`) or a primitive. */
const unnamedTypes: readonly unknown[] = [Array, BigInt, Boolean, Function, Number, Object, String];
const none: readonly Injection[] = Object.freeze([]);
const noArguments: readonly (ElementMetadata | undefined)[] = Object.freeze([]);

/**
 * The dependencies a class declares through constructor parameters (`design:paramtypes`, `@inject`
 * or `@Component({ inject })`) and property injection, as inversify itself would resolve them.
 * Throws MissingInjectionMetadataError, naming the class and the parameter, when a constructor
 * parameter has nothing inversify could inject: the class would only fail later, at its load.
 */
export function readInjections(target: Newable, name: string): readonly Injection[] {
  const metadata = readClassMetadata(target);
  const args = metadata?.constructorArguments ?? noArguments;
  for (let k = 0; k < Math.max(target.length, args.length); k++) {
    const element = args[k];
    // `@injectable()` (which `@Component` applies) records no class metadata when there are no
    // `design:paramtypes` (tsx, esbuild…): such a class is decorated all the same.
    if (element === undefined) throw new MissingInjectionMetadataError(name, k, reasonFor(target, k, metadata !== undefined || isInjectable(target)));
    // No token: either TypeScript emitted `undefined` for the type (a circular import), or there
    // is no type metadata at all and only @optional/@named/@tagged marked the parameter.
    if (element.kind !== unmanagedKind && element.value === undefined) {
      throw new MissingInjectionMetadataError(name, k, paramTypesOf(target) === undefined ? 'no-type-metadata' : 'undefined-type');
    }
  }
  if (metadata === undefined) return none;
  const result: Injection[] = [];
  const add = (element: ElementMetadata | undefined): void => {
    if (element === undefined || element.kind === unmanagedKind || element.value === undefined) return;
    const value = element.value as ServiceIdentifier | LazyServiceIdentifier;
    const id = value instanceof LazyServiceIdentifier ? value.unwrap() : value;
    const { name, tags } = element as ElementMetadata & { name?: string | number | symbol; tags?: ReadonlyMap<string | number | symbol, unknown> };
    const tag = tags === undefined || tags.size === 0 ? undefined : [...tags][0]!;
    if (name === undefined && tag === undefined) result.push({ id, optional: element.optional === true });
    else result.push({ id, optional: element.optional === true, constraints: { ...(name === undefined ? {} : { name }), ...(tag === undefined ? {} : { tag: { key: tag[0], value: tag[1] } }) } });
  };
  for (let k = 0; k < args.length; k++) add(args[k]);
  metadata.properties.forEach(add);
  return result;
}

function reasonFor(target: Newable, index: number, decorated: boolean): MissingInjectionReason {
  if (!decorated) return 'not-decorated';
  const types = paramTypesOf(target);
  return types !== undefined && unnamedTypes.includes(types[index]) ? 'unnamed-type' : 'no-type-metadata';
}

function paramTypesOf(target: Newable): readonly unknown[] | undefined {
  return Reflect.getOwnMetadata('design:paramtypes', target) as readonly unknown[] | undefined;
}

/** Names of the methods inversify's `@preDestroy` marked on the class. */
export function readPreDestroyMethods(target: Newable): (string | symbol)[] {
  return [...(readClassMetadata(target)?.lifecycle?.preDestroyMethodNames ?? [])];
}
