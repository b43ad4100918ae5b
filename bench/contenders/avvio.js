/**
 * avvio 9: one plugin per component, registered in index order (a topological order); avvio loads
 * plugins one after another, so every dependency is done before its dependent starts.
 */
import avvio from 'avvio';

export async function boot(w, probe) {
  const { init } = probe;
  const plugins = new Array(w.n);
  for (let i = 0; i < w.n; i++) {
    plugins[i] = async function plugin() {
      await init(i);
    };
  }
  const t0 = performance.now();
  const app = avvio({}, { autostart: false });
  for (let i = 0; i < w.n; i++) app.use(plugins[i]);
  const t1 = performance.now();
  await app.ready();
  const t2 = performance.now();
  return { registerMs: t1 - t0, bootMs: t2 - t1, bootStart: t1, keep: app };
}
