// Example: a node:http service with @godaddy/terminus and the recipe in terminus.ts.
//   PORT=3000 node --loader ts-node/esm examples/integrations/terminusService.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTerminus } from '@godaddy/terminus';
import { checkRequires } from 'preheat/http';
import { Db, exampleWarmup } from './components.js';
import { terminusOptions } from './terminus.js';

const warmup = exampleWarmup();
const server = createServer((req, res) => {
  const notReady = checkRequires(warmup, [Db]);
  if (notReady !== undefined) {
    res.writeHead(notReady.status, { ...notReady.headers, 'content-type': 'application/json' }).end(JSON.stringify(notReady.body));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(warmup.container.get(Db).orders()));
});

createTerminus(server, {
  ...terminusOptions(warmup, { drainMs: Number(process.env['DRAIN_MS'] ?? 5_000) }),
  signals: ['SIGTERM', 'SIGINT'],
  useExit0: true,
});
server.on('close', () => console.log('server closed'));
warmup.phase$.subscribe((phase) => phase === 'stopping' && console.log('readiness fails'));

server.listen(Number(process.env['PORT'] ?? 3000), '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
await warmup.boot().then(
  () => console.log('ready'),
  (error: unknown) => console.log(`boot failed: ${(error as Error).message}`),
);
