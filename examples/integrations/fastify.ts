// Example: preheat/fastify (docs/integrations.md#fastify).
//   PORT=3000 node --loader ts-node/esm examples/integrations/fastify.ts
// Binds at once; /orders answers 503 + Retry-After until Db is usable; SIGTERM: /readyz fails,
// the drain (requests still served), the server closes, then Db's hook runs.
import Fastify from 'fastify';
import preheat from 'preheat/fastify';
import { Db, exampleWarmup } from './components.js';

const warmup = exampleWarmup();
const app = Fastify();
await app.register(preheat, {
  warmup,
  ready: 'none', // listen now; routes wait through config.requires
  probes: true, // GET /startupz, /readyz, /livez on this port
  drainMs: Number(process.env['DRAIN_MS'] ?? 5_000),
  signals: ['SIGTERM', 'SIGINT'],
});

app.get('/orders', { config: { requires: [Db] } }, (_request, reply) => reply.send(app.container.get(Db).orders()));

warmup.phase$.subscribe((phase) => {
  if (phase === 'ready') console.log('ready');
  if (phase === 'stopping') console.log('readiness fails');
});
app.addHook('onClose', (_app, done) => (console.log('server closed'), done()));

await app.listen({ port: Number(process.env['PORT'] ?? 3000), host: '127.0.0.1' });
console.log(`listening ${(app.server.address() as { port: number }).port}`);
