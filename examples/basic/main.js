// The smallest preheat program: three components, one dependency chain, booted in priority waves.
// Run with `npm start` (it builds dist/ first). Loader definitions need no decorators, so this file
// runs as plain JavaScript; see README.md for the decorator form.
import { Container } from 'inversify';
import { Priority, Warmup } from 'preheat';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const container = new Container();
const warmup = new Warmup(container, { maxConcurrent: 4 });

warmup.register(
  { token: 'config', priority: Priority.CRITICAL, load: async () => ({ dbUrl: 'postgres://localhost/app' }) },
  {
    token: 'db',
    priority: Priority.HIGH,
    dependsOn: ['config'],
    load: async ({ get }) => {
      await sleep(120);
      return { url: get('config').dbUrl, query: async () => [] };
    },
  },
  { token: 'api', priority: Priority.MEDIUM, dependsOn: ['db'], load: async ({ get }) => ({ db: get('db') }) },
);

warmup.events$.subscribe((e) => {
  if (e.type === 'status') console.log(`${e.name.padEnd(8)} ${e.previous} → ${e.status}`);
});

const report = await warmup.boot();
console.log(`\n${report.readyCount}/${report.total} ready in ${report.totalLoadTimeMs} ms`);
console.log('container.get("api").db === container.get("db"):', container.get('api').db === container.get('db'));
