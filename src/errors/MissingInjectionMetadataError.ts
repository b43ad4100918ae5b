import { ErrorCode } from './ErrorCode.js';
import { PreheatError } from './PreheatError.js';

/**
 * Why a constructor parameter has nothing to inject: the class carries no type metadata at all
 * (compiled without `emitDecoratorMetadata`, or by tsx, esbuild, Vite or SWC, which emit none); the
 * class is not decorated; TypeScript emitted `Object` or a primitive for the parameter's type (an
 * interface, a union, `any`, `string`…); or the type was `undefined` when the decorator ran (a
 * circular import).
 */
export type MissingInjectionReason = 'no-type-metadata' | 'not-decorated' | 'unnamed-type' | 'undefined-type';

/**
 * A class component's constructor takes a parameter preheat (and inversify) cannot tell how to
 * fill. Raised by `register`, before anything loads, naming the class and the parameter.
 *
 * @example
 * ```ts
 * // compiled by tsx or esbuild (no decorator metadata): declare the dependencies
 * @Component({ inject: [Config, Pool] })
 * class Db { constructor(readonly config: Config, readonly pool: Pool) {} }
 * ```
 */
export class MissingInjectionMetadataError extends PreheatError {
  readonly code = ErrorCode.MissingInjectionMetadata;
  /** 0-based index of the constructor parameter. */
  readonly parameter: number;
  readonly reason: MissingInjectionReason;

  constructor(component: string, parameter: number, reason: MissingInjectionReason) {
    super(`Cannot tell what to inject into constructor parameter #${parameter} of '${component}': ${explanations[reason]}`, {
      component,
      hint: hints[reason],
    });
    this.parameter = parameter;
    this.reason = reason;
  }
}

const explanations: Record<MissingInjectionReason, string> = {
  'no-type-metadata': 'the class has no type metadata for it and no @inject',
  'not-decorated': 'the class is not decorated (@Component or @injectable) and has no @inject',
  'unnamed-type': 'its type has no runtime token (an interface, a union, any, or a primitive: TypeScript emitted Object, String, …)',
  'undefined-type': 'its type was undefined when the decorator ran, which usually means a circular import',
};

const inject = 'declare the dependencies with @Component({ inject: [Config, Pool] }), which works with every compiler (tsc, tsx, esbuild, Vite, SWC)';
const hints: Record<MissingInjectionReason, string> = {
  'no-type-metadata': `${inject}; or compile with "experimentalDecorators" and "emitDecoratorMetadata"; or put @inject(Token) on the parameter.`,
  'not-decorated': `decorate the class with @Component(); ${inject}.`,
  'unnamed-type': `name the token: @inject(Token) on the parameter, or ${inject}.`,
  'undefined-type': 'break the import cycle, or name the token lazily: @inject(new LazyServiceIdentifier(() => Dep)), or @Component({ inject: [new LazyServiceIdentifier(() => Dep)] }).',
};
