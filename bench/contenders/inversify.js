/**
 * inversify 8 alone: each component an async dynamic value in singleton scope that awaits its
 * dependencies through `ctx.getAsync`, then `getAsync` of every token. Binding is "register".
 */
import { Container } from 'inversify';

export async function boot(w, probe, _opts, tokens) {
  const { init } = probe;
  const factories = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    const deps = [];
    for (let e = w.depStart[i]; e < w.depStart[i + 1]; e++) deps.push(tokens[w.depList[e]]);
    factories[i] =
      deps.length === 0
        ? async () => init(i)
        : async (ctx) => {
            await Promise.all(deps.map((t) => ctx.getAsync(t)));
            return init(i);
          };
  }
  const t0 = performance.now();
  const container = new Container();
  for (let i = 0; i < w.n; i++) container.bind(tokens[i]).toDynamicValue(factories[i]).inSingletonScope();
  const t1 = performance.now();
  await Promise.all(tokens.map((t) => container.getAsync(t)));
  const t2 = performance.now();
  return { registerMs: t1 - t0, bootMs: t2 - t1, bootStart: t1, keep: container };
}
