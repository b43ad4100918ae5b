// Example: preheat/express (docs/integrations.md#express).
//   PORT=3000 node --loader ts-node/esm examples/integrations/express.ts
// Binds at once; /orders answers 503 + Retry-After until Db is usable; SIGTERM: /readyz fails,
// the drain (requests still served), the server closes, then Db's hook runs.
import express from 'express';
import { listen, probeRouter, requireReady } from 'preheat/express';
import { Db, exampleWarmup } from './components.js';

const warmup = exampleWarmup();
const app = express();
app.use(probeRouter(warmup)); // GET /startupz, /readyz, /livez
app.get('/orders', requireReady(warmup, Db), (_req, res) => {
  res.json(warmup.container.get(Db).orders());
});

const { server, port } = await listen(app, {
  warmup,
  port: Number(process.env['PORT'] ?? 3000),
  host: '127.0.0.1',
  drainMs: Number(process.env['DRAIN_MS'] ?? 5_000),
  signals: ['SIGTERM', 'SIGINT'],
});
server.on('close', () => console.log('server closed'));
warmup.phase$.subscribe((phase) => phase === 'stopping' && console.log('readiness fails'));
console.log(`listening ${port}`);

// Bound before the boot: a failed one leaves /readyz and /orders at 503, with the reason.
await warmup.boot().then(
  () => console.log('ready'),
  (error: unknown) => console.log(`boot failed: ${(error as Error).message}`),
);
