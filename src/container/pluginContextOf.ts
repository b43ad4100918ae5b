import type { Container } from 'inversify';
import { isPluginKey, type PluginContextLike } from '../component/inversifyInternals.js';

/**
 * The services inversify hands a plugin (`@inversifyjs/plugin`'s PluginContext): its BindingService,
 * its plan cache and its activations, through a plugin that only looks. Each call registers one.
 */
export function pluginContextOf(container: Container): PluginContextLike {
  let found: PluginContextLike = {};
  class PreheatContext {
    readonly [isPluginKey] = true;
    constructor(_container: Container, context: PluginContextLike) {
      found = context;
    }
    load(): void {}
  }
  container.register(PreheatContext);
  return found;
}
