import type { Newable } from 'inversify';
import type { ComponentOptions } from './ComponentOptions.js';

const componentOptionsKey = Symbol.for('preheat/component-options');

/** Records a class's options (the decorator's only side effect besides `@injectable`). */
export function setComponentOptions(target: Newable, options: ComponentOptions): void {
  Reflect.defineMetadata(componentOptionsKey, options, target);
}

/** The options recorded by `@Component`, or undefined when the class is not decorated. */
export function getComponentOptions(target: Newable): ComponentOptions | undefined {
  return Reflect.getOwnMetadata(componentOptionsKey, target) as ComponentOptions | undefined;
}
