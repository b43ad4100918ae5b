import type { Container, GetOptions, ServiceIdentifier } from 'inversify';

/** Starts loading the component behind `id`, or returns undefined when `id` is none of this Warmup's (or is usable). */
export type OnDemandLoader = (id: ServiceIdentifier) => Promise<void> | undefined;

const isPlugin = Symbol.for('@inversifyjs/plugin/isPlugin');
const loadersByContainer = new WeakMap<Container, OnDemandLoader[]>();

interface PluginApi {
  define(name: string, method: unknown): void;
}

/**
 * Makes `container.getAsync(id)` on the user's container load a component on demand (a DEFERRED
 * one, with its dependencies) before inversify resolves it, like `warmup.getAsync`. It uses
 * inversify's plugin API (`define`), which lets a plugin put a method on the container; one plugin
 * per container serves every Warmup bound to it. Sync `container.get` is untouched: it still throws
 * ComponentNotReadyError for a component that is not loaded. Returns false when the container does
 * not accept the plugin (then only `warmup.getAsync` loads on demand).
 *
 * @example
 * ```ts
 * const model = await container.getAsync(BigModel); // loads it (and what it needs) on first use
 * ```
 */
export function loadOnGetAsync(container: Container, loader: OnDemandLoader): boolean {
  const existing = loadersByContainer.get(container);
  if (existing !== undefined) {
    existing.push(loader);
    return true;
  }
  const loaders: OnDemandLoader[] = [loader];
  const plain = Object.getPrototypeOf(container) as { getAsync(this: Container, id: ServiceIdentifier, options?: GetOptions): Promise<unknown> };
  class GetAsyncLoadsComponents {
    readonly [isPlugin] = true;
    load(api: PluginApi): void {
      api.define('getAsync', async (id: ServiceIdentifier, options?: GetOptions): Promise<unknown> => {
        for (const load of loaders) {
          const loading = load(id);
          if (loading !== undefined) await loading;
        }
        return plain.getAsync.call(container, id, options);
      });
    }
  }
  try {
    container.register(GetAsyncLoadsComponents);
  } catch {
    return false;
  }
  loadersByContainer.set(container, loaders);
  return true;
}
