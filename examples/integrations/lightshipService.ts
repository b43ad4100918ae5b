// Example: a node:http service with lightship and the recipe in lightship.ts.
//   PORT=3000 LIGHTSHIP_PORT=9000 node --loader ts-node/esm examples/integrations/lightshipService.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLightship } from 'lightship';
import { checkRequires } from 'preheat/http';
import { Db, exampleWarmup } from './components.js';
import { connectLightship } from './lightship.js';

const warmup = exampleWarmup();
const server = createServer((req, res) => {
  const notReady = checkRequires(warmup, [Db]);
  if (notReady !== undefined) {
    res.writeHead(notReady.status, { ...notReady.headers, 'content-type': 'application/json' }).end(JSON.stringify(notReady.body));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(warmup.container.get(Db).orders()));
});

const lightship = await createLightship({
  detectKubernetes: false,
  port: Number(process.env['LIGHTSHIP_PORT'] ?? 9000),
  shutdownDelay: Number(process.env['DRAIN_MS'] ?? 5_000),
});
connectLightship(warmup, lightship, server);
server.on('close', () => console.log('server closed'));
warmup.phase$.subscribe((phase) => phase === 'stopping' && console.log('readiness fails'));

server.listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
  console.log(`probes ${(lightship.server.address() as AddressInfo).port}`);
});
await warmup.boot().then(
  () => console.log('ready'),
  (error: unknown) => console.log(`boot failed: ${(error as Error).message}`),
);
